using System.Text;
using Synap.Grains.Interfaces.Outcomes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Synap.Grains.Architecture;

/// <summary>
/// Bounds a caller's YAML before any document is built. YamlDotNet's <c>YamlStream.Load</c> builds nodes by recursion,
/// so a deeply nested config overflows the stack and ends the whole process; its <c>Parser</c> is a state machine, so
/// walking its events with counters costs no stack and stops at the first level past the limit. Aliases are allowed
/// but counted as what they expand to (nodes and depth), so a "billion laughs" config is refused here rather than
/// exploding in whoever later expands the stored text.
/// </summary>
public static class YamlShape
{
    /// <summary>The most UTF-8 bytes a config may have.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The deepest nesting of mappings and sequences, aliases counted as expanded.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most nodes (scalars, mappings, sequences) a config may expand to, each alias counted as its anchored node's size.</summary>
    public const int MaxNodes = 100_000;

    private const string Field = "config";

    public static Failure? Check(string yaml)
    {
        if (Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
            return Failure.InvalidInput(Field, $"must be at most {MaxBytes / 1024} KiB (UTF-8)");
        try
        {
            return Walk(new Parser(new StringReader(yaml)));
        }
        catch (YamlException e)
        {
            return Failure.InvalidInput(Field, $"is not valid YAML: {e.Message}");
        }
    }

    private static Failure? Walk(IParser parser)
    {
        // One frame per open mapping or sequence: its node count and height so far, to size an anchored collection.
        var open = new Stack<Frame>();
        var anchors = new Dictionary<string, Size>(StringComparer.Ordinal);
        long nodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (open.Count + 1 > MaxDepth)
                        return TooDeep();
                    open.Push(new Frame(((NodeEvent)parser.Current).Anchor));
                    if (++nodes > MaxNodes)
                        return TooMany();
                    break;
                case MappingEnd or SequenceEnd:
                    var closed = open.Pop();
                    var size = new Size(closed.Nodes + 1, closed.Height + 1);
                    if (!closed.Anchor.IsEmpty)
                        anchors[closed.Anchor.Value] = size;
                    AddChild(open, size);
                    break;
                case Scalar scalar:
                    if (++nodes > MaxNodes)
                        return TooMany();
                    if (!scalar.Anchor.IsEmpty)
                        anchors[scalar.Anchor.Value] = new Size(1, 0);
                    AddChild(open, new Size(1, 0));
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        return Failure.InvalidInput(Field, $"is not valid YAML: alias *{alias.Value.Value} has no anchor before it");
                    if (open.Count + target.Height > MaxDepth)
                        return TooDeep();
                    nodes += target.Nodes;
                    if (nodes > MaxNodes)
                        return TooMany();
                    AddChild(open, target);
                    break;
            }
        }
        return null;
    }

    private static void AddChild(Stack<Frame> open, Size child)
    {
        if (open.TryPeek(out var parent))
        {
            parent.Nodes += child.Nodes;
            parent.Height = Math.Max(parent.Height, child.Height);
        }
    }

    private static Failure TooDeep() => Failure.InvalidInput(Field, $"must nest mappings and sequences at most {MaxDepth} levels deep");

    private static Failure TooMany() => Failure.InvalidInput(Field, $"must have at most {MaxNodes} nodes, aliases counted as expanded");

    private sealed class Frame(AnchorName anchor)
    {
        public AnchorName Anchor { get; } = anchor;

        public long Nodes { get; set; }

        public int Height { get; set; }
    }

    private readonly record struct Size(long Nodes, int Height);
}
