using Synap.Grains.Interfaces.Instances;
using Synap.Grains.Interfaces.Outcomes;

namespace Synap.Grains.Instances;

/// <summary>An instance key reading its own instance: authorization and read in one turn of the grain.</summary>
public sealed partial class InstanceGrain
{
    // Composed from the two public steps, so whatever they enforce (key validity, client standing, bucket, usage,
    // visibility) applies unchanged; one turn also means the read sees exactly the state the key was admitted on.
    public async Task<Outcome<InstanceSelfRead>> AuthorizeAndGet(string credentialId, string keyHash)
    {
        var authorized = await AuthorizeKey(credentialId, keyHash);
        if (authorized.Error is { } refused)
            return refused;
        var authorization = authorized.Value!;
        if (!authorization.RateLimit.Allowed)
            return new InstanceSelfRead(authorization, null);
        var read = await Get(authorization.Actor);
        return new InstanceSelfRead(authorization, read.Value);
    }
}
