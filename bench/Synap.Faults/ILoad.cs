namespace Synap.Faults;

/// <summary>
/// A kind of steady load the faults run under. A load runs until told to stop (finishing the operation in hand),
/// records its operations in the <see cref="OperationLog"/>, and afterwards checks every write it had acknowledged.
/// New loads are added in <see cref="Loads.CreateAsync"/>.
/// </summary>
public interface ILoad
{
    string Name { get; }

    /// <summary>Writes acknowledged so far.</summary>
    int AcknowledgedWrites { get; }

    Task RunAsync(CancellationToken stop);

    /// <summary>Reads back every acknowledged write; returns those missing or different.</summary>
    Task<IReadOnlyList<LostWrite>> VerifyAsync();

    /// <summary>Adds to each phase what this load saw beyond operations and writes (notes, and problems that miss a goal).</summary>
    void Judge(IReadOnlyList<Phase> phases)
    {
    }
}
