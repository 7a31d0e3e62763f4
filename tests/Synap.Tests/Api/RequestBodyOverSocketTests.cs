using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Synap.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Synap.Tests.Api;

/// <summary>One built standalone node on a real port, shared by the tests that need a raw socket.</summary>
public sealed class StandaloneNodeFixture : IAsyncLifetime
{
    private readonly StandaloneData data = new();

    public StandaloneProcess Node { get; private set; } = null!;

    public StandaloneProcess.Ports Ports { get; } = StandaloneProcess.Ports.Pick();

    public string AdminKey { get; private set; } = "";

    /// <summary>Everything the node printed from launch to ready.</summary>
    public string StartOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Node = StandaloneProcess.Start(data, Ports);
        await Node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        StartOutput = Node.Output;
        AdminKey = (await File.ReadAllTextAsync(data.AdminKeyPath)).Trim();
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        data.Dispose();
    }
}

/// <summary>
/// Issue 6 item 6, through a real Kestrel socket (the test server has none): a body that stalls or is malformed on the
/// wire is a 400 <c>INVALID_INPUT</c> naming <c>body</c>, a client that hangs up gets nothing, none of it is logged as
/// an error, and a fresh node starts without a warning.
/// </summary>
public sealed class RequestBodyOverSocketTests(StandaloneNodeFixture fixture, ITestOutputHelper output) : IClassFixture<StandaloneNodeFixture>
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_fresh_start_prints_no_watchdog_warning_and_no_error()
    {
        var lines = fixture.StartOutput.Split('\n');
        var complaints = lines
            .Where(line => line.Contains("Participant check thread has not completed", StringComparison.Ordinal)
                || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            .ToList();
        // Other warnings (Orleans' "took too long" on a CPU-starved test machine) report real slowness; they are shown, not failed.
        foreach (var warning in lines.Where(line => line.StartsWith("warn:", StringComparison.Ordinal)))
            output.WriteLine(warning);

        Assert.True(complaints.Count == 0, $"start-up printed:\n{string.Join('\n', complaints)}\n{fixture.StartOutput}");
    }

    [Fact]
    public async Task A_body_that_stops_short_of_its_content_length_is_a_400_naming_the_body()
    {
        using var socket = await ConnectAsync();
        // Kestrel gives a stalled body MinRequestBodyDataRate's 5 s grace, then fails the read.
        await SendAsync(socket, Head("POST", "/dashboard/clients", "Content-Length: 1000") + "{\"name\": \"stal");

        var (status, body) = await ReadAnswerAsync(socket);

        AssertInvalidBody(status, body);
        await AssertNodeHealthyAndQuietAsync();
    }

    [Fact]
    public async Task A_chunked_body_with_a_broken_chunk_is_a_400_naming_the_body()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, Head("POST", "/dashboard/clients", "Transfer-Encoding: chunked") + "5\r\n{\"nam\r\nzz\r\n");

        var (status, body) = await ReadAnswerAsync(socket);

        AssertInvalidBody(status, body);
        await AssertNodeHealthyAndQuietAsync();
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_body_gets_nothing_and_is_not_logged_as_an_error()
    {
        using (var socket = await ConnectAsync())
        {
            await SendAsync(socket, Head("POST", "/dashboard/clients", "Content-Length: 1000") + "{\"name\": \"gone");
            // A reset, as a crashed or impatient client sends.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        await AssertNodeHealthyAndQuietAsync();
    }

    private string Head(string method, string path, string framing) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {fixture.AdminKey}\r\n"
        + $"Content-Type: application/json\r\n{framing}\r\n\r\n";

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", fixture.Ports.Http);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Reads until the server closes the connection or a complete chunked answer arrived; returns the status and the JSON body.</summary>
    private static async Task<(int Status, JsonElement Body)> ReadAnswerAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(AnswerWithin);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (read == 0)
                break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (received.ToString().Contains("\r\n0\r\n\r\n", StringComparison.Ordinal))
                break;
        }
        var text = received.ToString();
        Assert.True(text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), $"no HTTP answer: {text}");
        var status = int.Parse(text.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        Assert.True(start > 0 && end > start, $"no JSON body: {text}");
        using var json = JsonDocument.Parse(text[start..(end + 1)]);
        return (status, json.RootElement.Clone());
    }

    private static void AssertInvalidBody(int status, JsonElement body)
    {
        Assert.True(status == 400, $"expected 400, got {status} {body}");
        Assert.Equal("INVALID_INPUT", body.GetProperty("code").GetString());
        Assert.Equal("body", body.GetProperty("details").GetProperty("field").GetString());
    }

    private async Task AssertNodeHealthyAndQuietAsync()
    {
        var caller = fixture.Node.Caller();
        ApiExpect.Status(await caller.Get("/health/live", key: null), 200);
        ApiExpect.Status(await caller.Post("/dashboard/clients", new { name = Scenario.UniqueName() }, fixture.AdminKey), 201);
        var errors = fixture.Node.Output.Split('\n')
            .Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, $"logged as errors:\n{fixture.Node.Tail(80)}");
    }
}
