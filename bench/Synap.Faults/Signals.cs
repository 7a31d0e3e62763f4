using System.Runtime.InteropServices;

namespace Synap.Faults;

/// <summary>POSIX signals .NET does not send itself: <see cref="System.Diagnostics.Process.Kill()"/> is always SIGKILL.</summary>
public static class Signals
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>SIGTERM: the graceful stop every Synap process and PostgreSQL honour.</summary>
    public static void Terminate(int pid) => Send(pid, SigTerm);

    /// <summary>SIGINT: PostgreSQL's "fast shutdown" (rolls back open transactions, closes connections, exits).</summary>
    public static void Interrupt(int pid) => Send(pid, SigInt);

    private static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
