using Microsoft.Extensions.Hosting;

namespace MvmCi.Worker.Tests;

public sealed class MemoryTrimPolicyTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_burst_is_trimmed_once_at_the_first_quiet_check()
    {
        var policy = new MemoryTrimPolicy(0);

        Assert.False(policy.ShouldTrim(100 * MiB)); // the burst: busy
        Assert.False(policy.ShouldTrim(200 * MiB)); // still busy
        Assert.True(policy.ShouldTrim(201 * MiB));  // quiet again
        Assert.False(policy.ShouldTrim(202 * MiB)); // idle: nothing new to give back
        Assert.False(policy.ShouldTrim(203 * MiB));
    }

    [Fact]
    public void Allocation_below_the_burst_size_is_never_trimmed()
    {
        var policy = new MemoryTrimPolicy(0);

        for (var i = 1; i <= 20; i++)
        {
            Assert.False(policy.ShouldTrim(i * 2 * MiB));
        }
    }

    [Fact]
    public void Small_allocations_of_an_idle_service_add_up_to_a_trim_only_past_the_burst_size()
    {
        var policy = new MemoryTrimPolicy(0);
        var trims = 0;
        for (var i = 1; i <= 40; i++)
        {
            trims += policy.ShouldTrim(i * 2 * MiB) ? 1 : 0;
        }

        Assert.Equal(1, trims); // 80 MiB in steps of 2: once, when 64 MiB had accumulated
    }
}
