namespace GridService.Bot.Knowledge.Learning;

/// <summary>One held-out question of a cross-validation run and what the engine trained without it made of it.</summary>
internal sealed record HeldOut(LabelledExample Item, Assessment Assessment, LearnedDecider Decider)
{
    /// <summary>The decision at the given thresholds, with no live context.</summary>
    public Decision At(double answerThreshold, double labelThreshold) =>
        Decider.Finish(Assessment, AnswerContext.None, answerThreshold, labelThreshold);

    /// <summary>The model's own most probable label (null when a policy decided before the model).</summary>
    public string? ModelLabel => Assessment.Top < 0 ? null : Decider.Model.Labels[Assessment.Top];
}

/// <summary>
/// Stratified k-fold cross-validation over the corpus: each fold is decided by a model trained on the knowledge
/// base's examples and the other folds, so every corpus question is judged by a model that never saw it. Without
/// a corpus the knowledge base's own examples are folded instead. Folds train in parallel; the split is seeded.
/// </summary>
internal static class CrossValidation
{
    public static List<HeldOut> Run(KnowledgeBase kb, int folds, TrainerOptions? options = null, int seed = 11)
    {
        ArgumentNullException.ThrowIfNull(kb);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var knowledge = LabelledExample.FromKnowledge(kb.Entries).ToList();
        bool corpus = kb.Corpus.Count > 0;
        var pool = corpus ? kb.Corpus.ToList() : knowledge;
        var fixedPart = corpus ? knowledge : [];

        // Stratified: each label's questions are dealt round the folds in a seeded random order.
        var fold = new int[pool.Count];
        var random = new Random(seed);
        foreach (var group in Enumerable.Range(0, pool.Count).GroupBy(i => pool[i].Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            for (int i = 0; i < members.Length; i++)
            {
                fold[members[i]] = i % folds;
            }
        }

        var answers = new AnswerFactory(kb, new AnswerComposer(kb.Options, TimeProvider.System));
        var results = new List<HeldOut>[folds];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, f =>
        {
            var training = fixedPart.Concat(pool.Where((_, i) => fold[i] != f));
            var model = DecisionModel.Train(training, kb.Normalizer, options);
            var decider = new LearnedDecider(kb, model, answers, TimeProvider.System);
            results[f] = pool.Where((_, i) => fold[i] == f).Select(item => new HeldOut(item, decider.Assess(item.Text, null), decider)).ToList();
        });

        return results.SelectMany(r => r).ToList();
    }
}
