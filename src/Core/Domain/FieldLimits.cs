namespace GridService.Core.Domain;

/// <summary>
/// The bounds every imported record is checked against, so nothing stored is too big to show in a message: a name or
/// address longer than any real one (a 17,000-character name once broke every reminder run) or an amount no bill
/// has. Importers refuse such rows with file, line and field.
/// </summary>
public static class FieldLimits
{
    /// <summary>Names of people, shops, schools and clinics.</summary>
    public const int Name = 60;

    /// <summary>Supply addresses.</summary>
    public const int Address = 200;

    /// <summary>Line and transformer names.</summary>
    public const int GridName = 100;

    /// <summary>Free text shown to residents (an outage's scope and reason), as the notice API bounds it.</summary>
    public const int Text = 500;

    /// <summary>The largest amount of one bill or payment, in yuan.</summary>
    public const decimal Money = 100_000_000m;
}
