using GridService.Core.Storage;

namespace GridService.Core.Tests.Storage;

public sealed class RedisLockTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task TryAcquire_WhileHeld_IsRefusedUntilReleased()
    {
        await using var store = fixture.CreateStore();
        var key = store.Store.Keys.Prefix + ":lock-test";

        var first = await RedisLock.TryAcquireAsync(store.Store.Db, key, TimeSpan.FromMinutes(1));
        var second = await RedisLock.TryAcquireAsync(store.Store.Db, key, TimeSpan.FromMinutes(1));
        await first!.ReleaseAsync();
        var third = await RedisLock.TryAcquireAsync(store.Store.Db, key, TimeSpan.FromMinutes(1));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task Release_AfterTheLeaseRanOutAndAnotherTookIt_LeavesTheOtherHoldersLock()
    {
        await using var store = fixture.CreateStore();
        var key = store.Store.Keys.Prefix + ":lock-test";
        var stale = await RedisLock.TryAcquireAsync(store.Store.Db, key, TimeSpan.FromMilliseconds(50));
        await Task.Delay(200); // the lease runs out on the Redis clock

        var current = await RedisLock.TryAcquireAsync(store.Store.Db, key, TimeSpan.FromMinutes(1));
        var released = await stale!.ReleaseAsync();

        Assert.False(released);
        Assert.Equal(current!.Token, (string?)await store.Store.Db.StringGetAsync(key));
    }
}
