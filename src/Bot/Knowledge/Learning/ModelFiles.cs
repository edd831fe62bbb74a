using System.Security.Cryptography;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// Trained decision models kept on disk between starts. Training takes 1.2-2 s of every start; a restart with the same
/// knowledge, corpus, text normaliser and build loads the same model in tens of milliseconds. A file is named by its
/// key (<see cref="DecisionModel.KeyOf"/>), so any change to what it was trained on or to the code that trained it
/// misses and trains anew; a file that is truncated, altered or of another format is ignored with a warning, never
/// trusted. Writes go to a temporary file renamed into place, so a reader never sees half a model.
/// </summary>
public sealed class ModelFiles
{
    private const string Format = "GridService decision model 1";
    private const int Kept = 3;
    private readonly ILogger _logger;

    /// <summary>Models in <paramref name="directory"/> (created on the first save).</summary>
    public ModelFiles(string directory, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _logger = logger;
    }

    /// <summary>The folder the models are kept in.</summary>
    public string Directory { get; }

    /// <summary>The file a model with this key is kept in.</summary>
    public string PathOf(string key) => Path.Combine(Directory, $"decision-{key[..16].ToLowerInvariant()}.model");

    /// <summary>The model kept under <paramref name="key"/>, or null when there is none or it cannot be trusted.</summary>
    internal DecisionModel? TryLoad(string key)
    {
        string path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            byte[] bytes = File.ReadAllBytes(path);
            int body = bytes.Length - SHA256.HashSizeInBytes;
            if (body <= 0 || !SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            {
                throw new InvalidDataException("checksum mismatch (truncated or altered)");
            }

            using var reader = new BinaryReader(new MemoryStream(bytes, 0, body, writable: false));
            if (reader.ReadString() != Format)
            {
                throw new InvalidDataException("not a model of this format");
            }

            if (reader.ReadString() != key)
            {
                throw new InvalidDataException("trained on other examples or by another build");
            }

            int examples = reader.ReadInt32();
            var trainingTime = TimeSpan.FromTicks(reader.ReadInt64());
            var classifier = TextClassifier.Read(reader);
            if (reader.BaseStream.Position != body)
            {
                throw new InvalidDataException($"{body - reader.BaseStream.Position} bytes left over");
            }

            return DecisionModel.Loaded(classifier, examples, trainingTime, path, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            KnowledgeLog.ModelFileUnusable(_logger, path, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Keeps <paramref name="model"/> under <paramref name="key"/> and removes all but the newest few others (each
    /// build of the product trains its own). A folder that cannot be written costs the next start its training, no more.
    /// </summary>
    internal void Save(string key, DecisionModel model)
    {
        string path = PathOf(key);
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var stream = new MemoryStream())
            {
                using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Format);
                    writer.Write(key);
                    writer.Write(model.ExampleCount);
                    writer.Write(model.TrainingTime.Ticks);
                    model.Classifier.Write(writer);
                }

                stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
                File.WriteAllBytes(temporary, stream.GetBuffer().AsSpan(0, (int)stream.Length));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            KnowledgeLog.ModelFileNotSaved(_logger, path, e.Message);
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            return;
        }

        try
        {
            foreach (var old in new DirectoryInfo(Directory).GetFiles("decision-*.model")
                         .OrderByDescending(f => f.LastWriteTimeUtc).Skip(Kept))
            {
                old.Delete();
            }
        }
        catch (IOException)
        {
            // Another process pruned first: older models only take room.
        }
        catch (UnauthorizedAccessException)
        {
            // The folder is read-only for deletes: older models only take room.
        }
    }
}
