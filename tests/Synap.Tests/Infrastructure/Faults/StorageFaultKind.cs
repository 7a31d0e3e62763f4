namespace Synap.Tests.Infrastructure.Faults;

public enum StorageFaultKind
{
    /// <summary>The write never reaches the database.</summary>
    BeforeWrite,

    /// <summary>The write commits, then the caller sees an error (a timeout after the commit): the stored ETag moved on.</summary>
    AfterWrite,
}
