using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MvmCi.Testing;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

/// <summary>
/// A bounded fuzz of the two parsers that take arbitrary bytes from clients, module upload and job submit: mutations of
/// a valid body (bit flips, cut, inserted and repeated bytes, spliced JSON tokens) from a fixed seed, so a failure is
/// reproducible. No mutation may get a 5xx, and the control plane must stay up.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ParserFuzzTests(MvmCiAppFixture app, ITestOutputHelper output)
{
    private const int Iterations = 400;

    private static readonly string[] Tokens =
        ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e309", "\\u0000", "\\ud800", "\"module\"", "\"args\"", "\"retry\"", "\"timeoutSeconds\""];

    private static byte[] Mutate(byte[] seed, Random random, bool json)
    {
        var bytes = new List<byte>(seed);
        var mutations = random.Next(1, 6);
        for (var i = 0; i < mutations && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(json ? 5 : 4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3:
                    var length = Math.Min(random.Next(1, 32), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
            }
        }
        return [.. bytes];
    }

    private async Task<Dictionary<int, int>> FuzzAsync(string path, string contentType, byte[] seed, bool json, int randomSeed)
    {
        var random = new Random(randomSeed);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var body = Mutate(seed, random, json);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await app.Api.PostAsync(new Uri(path, UriKind.Relative), content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"iteration {i} (seed {randomSeed}) got {status}: {Convert.ToBase64String(body)}\n{answer}");
            if (response.StatusCode == HttpStatusCode.Accepted && path == "/api/jobs")
            {
                // A mutation that still made a job (perhaps on a queue no worker serves): cancel it, so it stays in no one's way.
                var id = System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString();
                using var cancelled = await app.Api.PostAsync(new Uri($"/api/jobs/{id}/cancel", UriKind.Relative), null);
            }
        }
        using var health = await app.Api.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        output.WriteLine($"{path}: {Iterations} mutations, statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}"))}");
        return statuses;
    }

    [Fact]
    public async Task MutatedSubmitsNeverGetAServerError()
    {
        var module = await app.UploadAsync("echo", version: "fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        var seed = Encoding.UTF8.GetBytes(
            """{"module":"%M","args":["a","b"],"env":{"K":"v"},"stdin":"in","timeoutSeconds":5,"priority":1,"retry":{"maxAttempts":1}}"""
                .Replace("%M", module.Digest, StringComparison.Ordinal));

        var statuses = await FuzzAsync("/api/jobs", "application/json", seed, json: true, randomSeed: 7);

        // The mutations reach past the JSON reader: some are refused by the validator, some still make valid jobs.
        Assert.True(statuses.GetValueOrDefault(400) > 0);
    }

    [Fact]
    public async Task MutatedModulesNeverGetAServerError()
    {
        var statuses = await FuzzAsync("/api/modules", "application/wasm", Guests.Wasm("echo"), json: false, randomSeed: 11);

        Assert.True(statuses.GetValueOrDefault(400) > 0);
    }
}
