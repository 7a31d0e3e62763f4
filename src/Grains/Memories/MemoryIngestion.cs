using System.Security.Cryptography;
using System.Text;

namespace Synap.Grains.Memories;

/// <summary>
/// What ingestion derives from a memory's content: its SHA-256 (hex of the UTF-8 bytes, for deduplication by callers)
/// and a token estimate (one token per 4 UTF-8 bytes, rounded up, the usual rule of thumb for English text with
/// GPT-style tokenizers). Pure, so the background work of the store is this plus one row update.
/// </summary>
public static class MemoryIngestion
{
    public static IngestedMemory Ingest(PendingMemory memory)
    {
        var bytes = Encoding.UTF8.GetBytes(memory.Content);
        return new IngestedMemory(memory.Id, Convert.ToHexStringLower(SHA256.HashData(bytes)), Math.Max(1, (bytes.Length + 3) / 4));
    }
}
