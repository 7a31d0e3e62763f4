using Synap.Grains.Interfaces.Memories;

namespace Synap.Grains.Memories;

/// <summary>
/// Group commit of acknowledgements: memories added while an insert is in flight wait and go together in the next
/// transaction, so concurrent agents share one disk flush instead of queueing one flush each. Each caller's task
/// completes only when its own row is committed, which is when it may answer <c>202</c>. Used on the store grain's
/// scheduler only (one thread at a time), so it needs no lock.
/// </summary>
public sealed class MemoryInsertGroup(MemoryTable table, string instanceId)
{
    private List<(Memory Memory, TaskCompletionSource Written)> waiting = [];
    private Task? writing;

    public Task WriteAsync(Memory memory)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Add((memory, written));
        // A writer that finished (possibly without ever yielding) is replaced; one in flight takes this memory next.
        if (writing is null || writing.IsCompleted)
            writing = WriteWaitingAsync();
        return written.Task;
    }

    private async Task WriteWaitingAsync()
    {
        while (waiting.Count > 0)
        {
            var group = waiting;
            waiting = [];
            try
            {
                // Off the grain's thread: Microsoft.Data.Sqlite runs "async" I/O synchronously, which would keep later
                // acknowledgements from joining the group while the disk flushes.
                var memories = group.ConvertAll(w => w.Memory);
                await Task.Run(() => table.InsertAsync(instanceId, memories));
                group.ForEach(w => w.Written.SetResult());
            }
            catch (Exception e)
            {
                group.ForEach(w => w.Written.SetException(e));
            }
        }
    }
}
