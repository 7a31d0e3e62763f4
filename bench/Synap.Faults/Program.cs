using Synap.Faults;

// Load-and-fault driver run by scripts/faults.sh: exit 0 when every fault met its goals, 1 when one was missed,
// 2 when the run itself could not be carried out.
try
{
    return await FaultRun.RunAsync(FaultOptions.Parse(args));
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine($"faults: error: {e.Message}");
    return 2;
}
