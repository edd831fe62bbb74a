using GridService.Bot.Knowledge.Policy;
using GridService.Bot.Knowledge.Rules;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// The rules engine's recognisers as features of the classifier: each one that fires on a message (a complaint
/// phrasing, an own-case request, "only my home", "my checks failed", low voltage, another utility, small talk,
/// a power word...) is one signal, and the model learns from the labelled data how far to trust it for every label.
/// The hand-written knowledge of the rules is kept, but no longer overrides anything: only the safety and privacy
/// policy does that.
/// </summary>
internal static class RuleSignals
{
    /// <summary>Room for every signal of one message.</summary>
    public const int Max = 12;

    private const ulong Flag = 0xFDUL << 56;

    /// <summary>Writes the signals of a prepared message to <paramref name="into"/>; returns how many.</summary>
    public static int Write(string t, string withFiller, Span<ulong> into)
    {
        int n = 0;
        Add(ref n, into, SafetyRule.Match(t), "safety:");
        Add(ref n, into, HazardPolicy.IsSafetyQuestion(t) ? "yes" : null, "safety-question:");
        Add(ref n, into, NotForBotRule.MatchPrivacy(t), "privacy:");
        Add(ref n, into, ComplaintRule.Match(t), "complaint:");
        var outage = OutageRule.Classify(t);
        Add(ref n, into, outage == OutageKindOfMessage.None ? null : outage.ToString(), "outage:");
        Add(ref n, into, VoltageRule.Match(t) ? "yes" : null, "voltage:");
        Add(ref n, into, NotForBotRule.MatchOffTopic(t, withFiller), "off-topic:");
        Add(ref n, into, ConsultRule.Match(t), "consult:");
        Add(ref n, into, PowerLexicon.IsPowerRelated(t) ? "yes" : null, "power:");
        return n;
    }

    private static void Add(ref int n, Span<ulong> into, string? value, string prefix)
    {
        if (value is null)
        {
            return;
        }

        // FNV-1a of prefix and value, flagged apart from n-grams and words.
        ulong hash = 14695981039346656037UL;
        foreach (char c in prefix)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        foreach (char c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        into[n++] = Flag | (hash & 0x00FF_FFFF_FFFF_FFFFUL);
    }
}
