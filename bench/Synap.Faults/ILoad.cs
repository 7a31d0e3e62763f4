namespace Synap.Faults;

/// <summary>
/// A kind of steady load the faults run under. A load runs until told to stop (finishing the operation in hand),
/// records its operations in the <see cref="OperationLog"/>, and afterwards checks every write it had acknowledged.
/// New loads (e.g. a listen stream with bundle publishes) are added in <see cref="Loads.Create"/>.
/// </summary>
public interface ILoad
{
    string Name { get; }

    /// <summary>Writes acknowledged so far.</summary>
    int AcknowledgedWrites { get; }

    Task RunAsync(CancellationToken stop);

    /// <summary>Reads back every acknowledged write; returns those missing or different.</summary>
    Task<IReadOnlyList<LostWrite>> VerifyAsync();
}
