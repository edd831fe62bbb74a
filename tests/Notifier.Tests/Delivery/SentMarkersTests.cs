using GridService.Notifier.Delivery;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Tests.Delivery;

public sealed class SentMarkersTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Claim_WhileAnotherWorkerHoldsIt_IsBusyUntilReleased()
    {
        await using var store = fixture.CreateStore();
        var markers = new SentMarkers(store.Store, Options.Create(new DeliveryOptions()));

        var first = await markers.ClaimAsync("m1", TimeSpan.FromSeconds(30));
        var second = await markers.ClaimAsync("m1", TimeSpan.FromSeconds(30));
        await markers.ReleaseAsync("m1", "claim:someone-else");
        var stillHeld = await markers.ClaimAsync("m1", TimeSpan.FromSeconds(30));
        await markers.ReleaseAsync("m1", first.Token);
        var afterRelease = await markers.ClaimAsync("m1", TimeSpan.FromSeconds(30));

        Assert.Equal(ClaimResult.Claimed, first.Result);
        Assert.Equal(ClaimResult.Busy, second.Result);
        Assert.InRange(second.RetryIn, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(ClaimResult.Busy, stillHeld.Result);
        Assert.Equal(ClaimResult.Claimed, afterRelease.Result);
    }

    [Fact]
    public async Task Claim_AfterSent_IsAlreadySent()
    {
        await using var store = fixture.CreateStore();
        var markers = new SentMarkers(store.Store, Options.Create(new DeliveryOptions()));
        await markers.ClaimAsync("m1", TimeSpan.FromSeconds(30));

        await markers.MarkSentAsync("m1");

        Assert.Equal(ClaimResult.AlreadySent, (await markers.ClaimAsync("m1", TimeSpan.FromSeconds(30))).Result);
        Assert.False(await markers.IsPartSentAsync("m1#1/2"));
    }
}
