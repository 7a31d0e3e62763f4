using System.Security.Cryptography;

namespace Synap.Grains.Common;

/// <summary>Ids from the cryptographic RNG: guessing one is as hard as guessing its random bits.</summary>
public sealed class RandomIdGenerator : IIdGenerator
{
    public string NewId(string prefix, int hexLength) =>
        prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((hexLength + 1) / 2))[..hexLength];
}
