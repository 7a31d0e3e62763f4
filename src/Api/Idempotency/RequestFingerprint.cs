using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Synap.Api.Json;

namespace Synap.Api.Idempotency;

/// <summary>What makes two requests "the same" for API.md §8: method, path and query, and the exact body bytes.</summary>
public static class RequestFingerprint
{
    /// <summary>
    /// SHA-256 hex, with the body left buffered and rewound for the route to read. Null for a body over the
    /// 1 MiB limit: the route refuses it with 413 without doing anything, so there is nothing to remember.
    /// </summary>
    public static async Task<string?> ComputeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestBody.MaxBytes)
            return null;
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The encoded path and query hold no line breaks, so the separators keep the parts apart.
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.GetEncodedPathAndQuery()}\n"));
        var chunk = new byte[16 * 1024];
        long length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            length += read;
            if (length > RequestBody.MaxBytes)
                break;
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return length > RequestBody.MaxBytes ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
