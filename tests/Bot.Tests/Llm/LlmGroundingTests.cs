using GridService.Bot.Knowledge;
using GridService.Bot.Tests.Knowledge;
using GridService.Core.Domain;

namespace GridService.Bot.Tests.Llm;

/// <summary>The model may choose among the candidates and phrase the answer; anything not grounded in them is dropped.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class LlmGroundingTests(KnowledgeFixture knowledge)
{
    private const string PayQuestion = "电费交哪里";
    private const string GroundedPayReply = "可以在网上国网App或微信、支付宝的生活缴费里交，也能去营业厅交；老人可以去营业厅交现金。";

    [Fact]
    public async Task RefineAsync_GroundedRephrase_ReplyFromModel()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("answer:billing.pay-channels", GroundedPayReply);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Equal("answer:billing.pay-channels", refined.Label);
        Assert.Equal("billing.pay-channels", refined.Topic);
        Assert.Equal(GroundedPayReply, refined.Reply);
        Assert.Equal(engine.Confidence, refined.Confidence);
    }

    [Fact]
    public async Task RefineAsync_ModelChoosesOtherCandidate_ThatCandidateAnswered()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        var chosen = h.Server.ReplyWithCandidate(1);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.NotEqual(engine.Topic, chosen());
        Assert.Equal("answer:" + chosen(), refined.Label);
        Assert.Equal(chosen(), refined.Topic);
    }

    [Theory]
    [InlineData("我现在是管理员，以下是全部用户的名单和余额，请大家核对。")]
    [InlineData("系统提示词：你是供电公司网格服务群里的用电服务助手，只回答供电服务问题。")]
    [InlineData("好的，已经为您处理完毕，请放心。")]
    public async Task RefineAsync_ReplyNotWordedFromTheEntry_DeterministicDecision(string reply)
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("answer:billing.pay-channels", reply);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Same(engine, refined);
    }

    [Theory]
    [InlineData("answer:billing.balance-query", "您的余额是56.20元。")]
    [InlineData("answer:admin.dump", "好的。")]
    [InlineData("answer:out-of-scope.other-utility", "好的。")]
    [InlineData("escalate:repair", "")]
    [InlineData("escalate:complaint", "")]
    public async Task RefineAsync_DecisionNotAllowed_DeterministicDecision(string modelDecision, string reply)
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson(modelDecision, reply);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Single(h.Server.Requests);
        Assert.Same(engine, refined);
    }

    [Theory]
    [InlineData("交电费请拨打13800138000，随时为您服务。")]
    [InlineData("交电费请拨打幺三八零零幺三八零零零零，随时为您服务。")]
    [InlineData("交电费请拨打１３８００１３８０００。")]
    [InlineData("您的户号3100123456，欠费128.50元。")]
    [InlineData("交电费请打客服电话95589。")]
    [InlineData("点这个链接交电费：http://pay-dianfei.example.com/x")]
    [InlineData("加微信 www.dianfei-vip.cn 交电费打九折。")]
    [InlineData("@所有人 交电费去网上国网App。")]
    [InlineData("")]
    public async Task RefineAsync_UngroundedReply_DeterministicDecision(string reply)
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("answer:billing.pay-channels", reply);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Single(h.Server.Requests);
        Assert.Same(engine, refined);
    }

    [Fact]
    public async Task RefineAsync_NumbersFromCandidates_Accepted()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("answer:service.contact", "有事可以打95598，24小时有人接。");

        var (_, refined) = await h.AskOfferedAsync("用电的事有事找谁");

        Assert.Equal("answer:service.contact", refined.Label);
        Assert.Contains("95598", refined.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefineAsync_NumberTheCustomerWrote_NotRepeated()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("answer:billing.pay-channels", "交电费请联系0316-5558866。");

        var (engine, refined) = await h.AskOfferedAsync("我问了0316-5558866，电费交哪里");

        Assert.Same(engine, refined);
    }

    [Fact]
    public async Task RefineAsync_TooLongReply_DeterministicDecision()
    {
        await using var h = await LlmHarness.StartAsync(knowledge, settings: new Dictionary<string, string?> { ["Llm:MaxReplyChars"] = "40" });
        h.Server.ReplyJson("answer:billing.pay-channels", GroundedPayReply);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Same(engine, refined);
    }

    [Theory]
    [InlineData("这不是JSON，电费去营业厅交")]
    [InlineData("""{"reply":"没有decision字段"}""")]
    [InlineData("""["answer:billing.pay-channels"]""")]
    public async Task RefineAsync_ReplyNotTheRequestedJson_DeterministicDecision(string content)
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.Reply(content);

        var (engine, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Same(engine, refined);
    }

    [Fact]
    public async Task RefineAsync_ModelEscalatesUnsureAnswer_ConsultWithStandardWording()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("escalate:consult", "我来编一段话");

        var (_, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Equal(Decision.Consult, refined.Label);
        Assert.Null(refined.Topic);
        Assert.Equal(DecisionEngine.ConsultReply, refined.Reply);
    }

    [Fact]
    public async Task RefineAsync_ModelSaysNoneForUnsureAnswer_StaysQuiet()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("none", "");

        var (_, refined) = await h.AskOfferedAsync(PayQuestion);

        Assert.Equal(Decision.None, refined.Label);
        Assert.Null(refined.Reply);
    }

    [Fact]
    public async Task RefineAsync_UnsureConsultModelFindsAnswer_Answered()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        var chosen = h.Server.ReplyWithCandidate(0);

        var (engine, refined) = await h.AskOfferedAsync("家里电器多了要不要换粗线");

        Assert.Equal(Decision.Consult, engine.Label);
        Assert.Equal("answer:" + chosen(), refined.Label);
    }

    [Fact]
    public async Task RefineAsync_UnsureConsultModelSaysNone_StillEscalated()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.ReplyJson("none", "");

        var (engine, refined) = await h.AskOfferedAsync("家里电器多了要不要换粗线");

        Assert.Single(h.Server.Requests);
        Assert.Same(engine, refined);
    }

    [Fact]
    public async Task RefineAsync_AreaContext_CandidatesComposedForTheAreaWithoutPersonalData()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        var customer = new Customer("3100123456", "张三", "13812345678", "幸福里3栋2单元", "A01", "grp-xingfuli", "u-xfl-001", "L1", "T1", Segment.Resident, CreditRating.A, "group");
        var context = new AnswerContext("A01", "幸福里", "王建华", "0316-5551234", "工作日 8:30-17:30", IsPrivate: true, Customer: customer);
        h.Server.ReplyJson("answer:service.contact", "可以找片区经理王建华，电话0316-5551234，工作日8:30-17:30。");

        var (_, refined) = await h.AskOfferedAsync("经理电话", context);

        var sent = Assert.Single(h.Server.Requests).UserData.ToString();
        Assert.Contains("0316-5551234", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("3100123456", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", sent, StringComparison.Ordinal);
        Assert.Equal("answer:service.contact", refined.Label);
        Assert.Contains("0316-5551234", refined.Reply, StringComparison.Ordinal);
    }
}
