using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Web;

namespace Yiyang.Tests.Platform.Fuzz;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("张三", false)]
    [InlineData("第一行\n第二行\r\n\t缩进", false)]
    [InlineData("😀 emoji (a surrogate pair)", false)]
    [InlineData("a\u0000b", true)]
    [InlineData("a\u0007b", true)]
    [InlineData("a\u007fb", true)]
    public void Control_characters_and_unpaired_surrogates_are_unsafe(string text, bool unsafeText) =>
        Assert.Equal(unsafeText, InputRules.IsUnsafeText(text));

    [Fact]
    public void Unpaired_surrogates_are_unsafe()
    {
        Assert.True(InputRules.IsUnsafeText("a" + (char)0xD800 + "b"));
        Assert.True(InputRules.IsUnsafeText("a" + (char)0xDC00));
        Assert.True(InputRules.IsUnsafeText(((char)0xD83D).ToString()));
        Assert.True(InputRules.IsUnstorableText("a" + (char)0xDC00 + (char)0xD800));
        Assert.False(InputRules.IsUnstorableText("a\u0001b"));
    }

    [Fact]
    public void Dates_are_plausible_from_1900_to_2099()
    {
        Assert.True(InputRules.IsPlausible(new DateOnly(1900, 1, 1)));
        Assert.True(InputRules.IsPlausible(new DateOnly(2099, 12, 31)));
        Assert.False(InputRules.IsPlausible(DateOnly.MinValue));
        Assert.False(InputRules.IsPlausible(DateTime.MaxValue));
        Assert.False(InputRules.IsPlausible(DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task A_500_is_logged_with_the_method_and_path_of_the_request_not_the_error_page()
    {
        var logger = new CapturingLogger();
        var handler = new ProblemDetailsHandler(logger);
        foreach (var original in new[] { "/api/elders", "/Elders/Details/7" })
        {
            var http = new DefaultHttpContext();
            http.Request.Method = "POST";
            http.Request.Path = "/Error"; // where the exception middleware re-executes
            http.Response.Body = new MemoryStream();
            http.Features.Set<IExceptionHandlerPathFeature>(new ExceptionHandlerFeature { Path = original, Error = new InvalidOperationException() });
            await handler.TryHandleAsync(http, new InvalidOperationException("boom"), CancellationToken.None);
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message == $"Unhandled error on POST {original}");
        }
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("/Error", StringComparison.Ordinal));
    }

    private sealed class CapturingLogger : ILogger<ProblemDetailsHandler>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
