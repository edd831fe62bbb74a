using System.Xml;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>
/// Reads WeCom's flat XML (<c>&lt;xml&gt;&lt;Name&gt;value&lt;/Name&gt;...&lt;/xml&gt;</c>) safely: no DTD, no
/// resolver, a size cap, and nested or unknown elements skipped.
/// </summary>
internal static class WeComXml
{
    /// <summary>
    /// Fills <paramref name="values"/>[i] with the text of the child element named <paramref name="names"/>[i].
    /// When <paramref name="sensitive"/>, the XML parser's own message (which may quote the input) is not kept.
    /// </summary>
    public static void ReadFlat(string xml, int maxChars, string[] names, string?[] values, bool sensitive)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxChars,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };

        try
        {
            using var input = new StringReader(xml);
            using var reader = XmlReader.Create(input, settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != "xml")
            {
                throw new WeComCryptoException(WeComError.ParseXml, "The root element is not <xml>.");
            }

            if (reader.IsEmptyElement)
            {
                reader.Read();
            }
            else
            {
                reader.Read();
                while (reader.MoveToContent() == XmlNodeType.Element)
                {
                    var i = Array.IndexOf(names, reader.Name);
                    if (i < 0)
                    {
                        reader.Skip();
                        continue;
                    }

                    if (values[i] is not null)
                    {
                        throw new WeComCryptoException(WeComError.ParseXml, $"Element <{names[i]}> appears twice.");
                    }

                    values[i] = reader.ReadElementContentAsString();
                }

                reader.ReadEndElement();
            }

            // Read to the end so nothing after the root (a second root, stray text) is silently ignored.
            while (reader.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            throw new WeComCryptoException(
                WeComError.ParseXml,
                $"Malformed XML at line {ex.LineNumber}, position {ex.LinePosition}.",
                sensitive ? null : ex);
        }
    }

    /// <summary>Fails with <see cref="WeComError.ParseXml"/> when <paramref name="value"/> is missing or empty.</summary>
    public static string Required(string? value, string name) => string.IsNullOrEmpty(value)
        ? throw new WeComCryptoException(WeComError.ParseXml, $"Element <{name}> is missing or empty.")
        : value;
}
