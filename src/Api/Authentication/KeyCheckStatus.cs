namespace Synap.Api.Authentication;

/// <summary>What presenting a bearer key came to, whatever the transport that carried it.</summary>
public enum KeyCheckStatus
{
    /// <summary>No <c>Authorization</c> at all.</summary>
    Missing,

    /// <summary>The operator's admin key (no bucket).</summary>
    Admin,

    /// <summary>A live key whose owner answered; its bucket decision may still refuse the request.</summary>
    Authorized,

    /// <summary>A malformed header, an unknown, revoked or expired key, or an owner that refused it.</summary>
    Refused,

    /// <summary>The caller's address used up its refused keys: answered without any lookup.</summary>
    AddressLimited,
}
