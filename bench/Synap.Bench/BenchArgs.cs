using System.Globalization;

namespace Synap.Bench;

/// <summary>The bench's command-line options: <c>--name value</c> pairs anywhere in the arguments.</summary>
public static class BenchArgs
{
    public static string Value(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static int Int(string[] args, string name, int fallback) =>
        int.Parse(Value(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
