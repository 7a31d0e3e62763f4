namespace Synap.Api.Authentication;

public static class SynapKeyDefaults
{
    public const string Scheme = "SynapKey";
}
