using System.Net;
using System.Net.Sockets;

namespace Synap.Api.Authentication;

/// <summary>The partition key of the per-address limits: the caller's IPv4 address, or its IPv6 /64 network.</summary>
public static class RemoteAddress
{
    public static string PartitionOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        // One IPv6 host is usually given a whole /64, so counting single addresses would let it rotate freely.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
