using System.Text.RegularExpressions;

namespace Synap.Grains.Interfaces.Security;

/// <summary>The id formats of API.md §1.</summary>
public static partial class SynapIds
{
    public const string ClientPrefix = "cli_";
    public const string InstancePrefix = "inst_";
    public const string CredentialPrefix = "cred_";
    public const string ConfigPrefix = "cfg_";
    public const string AuditPrefix = "aud_";

    public static bool IsClientId(string? value) => value is not null && ClientIdPattern().IsMatch(value);

    public static bool IsInstanceId(string? value) => value is not null && InstanceIdPattern().IsMatch(value);

    public static bool IsCredentialId(string? value) => value is not null && CredentialIdPattern().IsMatch(value);

    [GeneratedRegex(@"^cli_[0-9a-f]{16}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"^inst_[0-9a-f]{16}\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^cred_[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialIdPattern();
}
