using NetTrace.Abstractions.Events;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>How a captured rax becomes the return value rules and --ret see.</summary>
public sealed class ReturnValueTests
{
    [Theory]
    [InlineData(0xffffffffUL, -1L)]                 // int -EPERM from nf_hook_slow: eax written, upper half clear
    [InlineData(0xffffffeeUL, -18L)]                // int -EXDEV from fib_validate_source
    [InlineData(0xffffffffffffffeeUL, -18L)]        // already sign-extended
    [InlineData(0x10002UL, 0x10002L)]               // nf_tables' NF_STOLEN with an errno
    [InlineData(1UL, 1L)]
    [InlineData(0UL, 0L)]                           // NULL
    [InlineData(0xffff888012345678UL, unchecked((long)0xffff888012345678UL))] // a kernel pointer keeps all bits
    public void ReturnValue_ReadsInt32WhenTheUpperHalfIsClear(ulong rax, long expected)
    {
        Assert.Equal(expected, SkbTraceEvent.ReturnValue(rax));
    }
}
