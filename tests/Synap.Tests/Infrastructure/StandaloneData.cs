using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Synap.Tests.Infrastructure;

/// <summary>A throwaway directory for one standalone node's SQLite file (and its generated admin key); deleted on dispose.</summary>
public sealed class StandaloneData : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("synap-standalone-").FullName;

    public string DatabasePath => Path.Combine(Directory, "synap.db");

    public string AdminKeyPath => Path.Combine(Directory, "admin-key");

    /// <summary>A standalone API node on <see cref="DatabasePath"/>, with ports of its own so tests can run side by side.</summary>
    public SynapApiFactory NewApiNode()
    {
        var ports = DistinctFreePorts(3);
        return new(new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Standalone",
            ["Synap:DataPath"] = DatabasePath,
            ["Orleans:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Synap:GrpcUrl"] = $"http://127.0.0.1:{ports[2]}",
        });
    }

    /// <summary>Free loopback ports, held open together while picked so no two are the same.</summary>
    public static int[] DistinctFreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    /// <summary>Runs one scalar query on the database file, outside any node.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not let go of the file yet; the OS temp cleaner takes the rest.
        }
    }
}
