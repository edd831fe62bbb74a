using System.Net;
using GridService.Core.Chat;
using GridService.Core.Hosting;
using GridService.Core.Security;
using Microsoft.Extensions.Configuration;

namespace GridService.Core.Tests.Security;

public sealed class OperatorGuardTests
{
    [Theory]
    [InlineData("Bearer t0ken")]
    [InlineData("bearer t0ken")]
    [InlineData("BEARER   t0ken ")]
    public void Check_RightTokenAnySchemeCase_LetsIn(string header) => Assert.Null(OperatorGuard.Check("t0ken", header, IPAddress.Parse("203.0.113.9")));

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer t0ke")]
    [InlineData("Basic t0ken")]
    [InlineData("t0ken")]
    public void Check_MissingOrWrongToken_Refuses(string header)
    {
        Assert.NotNull(OperatorGuard.Check("t0ken", header, IPAddress.Parse("203.0.113.9")));
        Assert.NotNull(OperatorGuard.Check("t0ken", header, IPAddress.Loopback)); // with a token, loopback needs it too
    }

    [Fact]
    public void Check_NoTokenConfigured_LoopbackOnly()
    {
        Assert.Null(OperatorGuard.Check("", "", IPAddress.Loopback));
        Assert.Null(OperatorGuard.Check("", "", IPAddress.IPv6Loopback));
        Assert.NotNull(OperatorGuard.Check("", "", IPAddress.Parse("192.0.2.1")));
        Assert.NotNull(OperatorGuard.Check("", "Bearer anything", IPAddress.Parse("192.0.2.1")));
        Assert.NotNull(OperatorGuard.Check("", "", null));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "", "x", "Admin:Token")]
    [InlineData("http://+:5080", "t", "", "Bridge:Secret")]
    [InlineData("http://[::]:5080", "", "", "Admin:Token")]
    [InlineData("http://192.0.2.10:5080;http://127.0.0.1:5081", "t", "", "Bridge:Secret")]
    public void Exposure_PublicBindUnguarded_RefusesNamingTheSetting(string urls, string token, string secret, string named)
    {
        var configuration = Configuration(urls, token, secret);

        var refused = Assert.Throws<StartupRefusedException>(() => Exposure.Check(configuration, takesBridgeTraffic: true));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "", "")]
    [InlineData("http://localhost:5080", "", "")]
    [InlineData("http://[::1]:5080", "", "")]
    [InlineData("http://0.0.0.0:5080", "t", "s")]
    public void Exposure_LoopbackOrGuarded_Starts(string urls, string token, string secret) =>
        Exposure.Check(Configuration(urls, token, secret), takesBridgeTraffic: true);

    [Fact]
    public void Exposure_NotifierWithoutBridgeOnPublicBind_NeedsOnlyTheToken() =>
        Exposure.Check(Configuration("http://0.0.0.0:5090", "t", ""), takesBridgeTraffic: false);

    [Fact]
    public void BridgeSignature_SignedBody_VerifiesOnlyWithItsTimestamp()
    {
        var body = "{\"messageId\":\"m1\"}"u8.ToArray();
        var signature = BridgeSignature.Sign("s", "1764000000", body);

        Assert.True(BridgeSignature.Verify("s", "1764000000", body, signature));
        Assert.False(BridgeSignature.Verify("s", "1764000001", body, signature));
        Assert.False(BridgeSignature.Verify("s", null, body, signature));
        Assert.False(BridgeSignature.Verify("other", "1764000000", body, signature));
        Assert.True(BridgeSignature.IsFresh("1764000000", DateTimeOffset.FromUnixTimeSeconds(1764000299), TimeSpan.FromMinutes(5)));
        Assert.False(BridgeSignature.IsFresh("1764000000", DateTimeOffset.FromUnixTimeSeconds(1764000301), TimeSpan.FromMinutes(5)));
        Assert.False(BridgeSignature.IsFresh("1764000000", DateTimeOffset.FromUnixTimeSeconds(1763999699), TimeSpan.FromMinutes(5)));
    }

    private static IConfiguration Configuration(string urls, string token, string secret) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["Admin:Token"] = token, ["Bridge:Secret"] = secret })
        .Build();
}
