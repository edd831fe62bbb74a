using System.Buffers;
using System.Net.WebSockets;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>Reads whole WebSocket messages (a frame may arrive in several fragments).</summary>
public static class WebSocketMessages
{
    /// <summary>
    /// Reads one whole message into <paramref name="buffer"/> (cleared first) and returns its type;
    /// <see cref="WebSocketMessageType.Close"/> when the peer closed. A message over <paramref name="maxBytes"/> throws.
    /// </summary>
    public static async Task<WebSocketMessageType> ReceiveAsync(
        WebSocket socket, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.ResetWrittenCount();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), cancellationToken);
            buffer.Advance(result.Count);
            if (buffer.WrittenCount > maxBytes) throw new WebSocketException(WebSocketError.HeaderError, $"A message over {maxBytes} bytes.");
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        return result.MessageType;
    }
}
