using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

/// <summary>适老化 checks measured in the browser: text size, target size, 长辈版, narrow screens, keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgeFriendlyTests(BrowserFixture fx)
{
    /// <summary>Visible elements that are too small. Text: body and the running text of main (hints marked .small /
    /// .form-text excluded) under 18px. Targets: buttons, inputs, selects, nav links and block-level links in main
    /// under 44px tall; a checkbox or radio counts with its .form-check row (the label is part of the target); inline
    /// text links inside sentences, the skip link and visually-hidden elements are skipped.</summary>
    private const string MeasureScript = """
        () => {
          const visible = e => {
            if (e.closest('.visually-hidden, .skip-link, [hidden]')) return false;
            const r = e.getBoundingClientRect(), s = getComputedStyle(e);
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
          };
          const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
            (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
            ' "' + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 20) + '"';
          const smallText = [];
          const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
          if (bodySize < 18) smallText.push('body ' + bodySize + 'px');
          for (const e of document.querySelectorAll('main p, main label, main td, main th, main dd, main dt, main li, main input, main select, main button, main .btn')) {
            if (!visible(e) || e.closest('.small, .form-text, small')) continue;
            const size = parseFloat(getComputedStyle(e).fontSize);
            if (size < 18) smallText.push(describe(e) + ' ' + size + 'px');
          }
          const smallTargets = [];
          const targets = document.querySelectorAll(
            'button, .btn, input:not([type=hidden]), select, textarea, nav a, .nav-link, main a');
          for (const e of targets) {
            if (!visible(e)) continue;
            let box = e;
            if (e.matches('input[type=checkbox], input[type=radio]')) box = e.closest('.form-check') || e;
            else if (e.matches('main a:not(.btn)') && getComputedStyle(e).display === 'inline') continue; // text link in a sentence
            const h = box.getBoundingClientRect().height;
            if (h < 44 - 0.5) smallTargets.push(describe(e) + ' ' + Math.round(h * 10) / 10 + 'px');
          }
          return { bodySize, smallText, smallTargets };
        }
        """;

    [Theory(DisplayName = "Body text is at least 18px and every button, field and nav link is at least 44px tall")]
    [InlineData("home", "/")]
    [InlineData("elders-create", "/Elders/Create")]
    public async Task Text_and_targets_are_large_enough(string name, string path)
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync(path);
        var m = await page.EvaluateAsync<JsonElement>(MeasureScript);
        var smallText = m.GetProperty("smallText").EnumerateArray().Select(x => x.GetString()).ToList();
        var smallTargets = m.GetProperty("smallTargets").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.True(m.GetProperty("bodySize").GetDouble() >= 18, $"body font-size {m.GetProperty("bodySize")}px");
        Assert.True(smallText.Count == 0, $"{name}: text under 18px:\n" + string.Join("\n", smallText));
        Assert.True(smallTargets.Count == 0, $"{name}: targets under 44px tall:\n" + string.Join("\n", smallTargets));
        await page.Context.CloseAsync();
    }

    [Theory(DisplayName = "长辈版 makes the body text larger")]
    [InlineData("/")]
    [InlineData("/Elders/Create")]
    public async Task Elder_mode_grows_the_text(string path)
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync(path);
        const string bodySize = "() => parseFloat(getComputedStyle(document.body).fontSize)";
        var before = await page.EvaluateAsync<double>(bodySize);
        var sw = page.Locator("#mode-switch");
        await Expect(sw).ToHaveAttributeAsync("aria-pressed", "false");
        await sw.ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex(@"\belder-mode\b"));
        await Expect(sw).ToHaveAttributeAsync("aria-pressed", "true");
        var after = await page.EvaluateAsync<double>(bodySize);
        Assert.True(after > before, $"body font-size {before}px → {after}px after 长辈版");
        if (path == "/") await BrowserFixture.ScreenshotAsync(page, "06-home-elder-mode");
        await page.Context.CloseAsync();
    }

    [Theory(DisplayName = "The page does not scroll sideways on a 375px wide phone")]
    [InlineData("/")]
    [InlineData("/Elders")]
    [InlineData("/Elders/Create")]
    public async Task No_horizontal_scroll_at_375px(string path)
    {
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync(path);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > 376 && !e.closest('.skip-link'))
              .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' right=' + Math.round(e.getBoundingClientRect().right)).join(', ')
            """);
        await BrowserFixture.ScreenshotAsync(page, "375px" + (path == "/" ? "-home" : path.Replace('/', '-').ToLowerInvariant()));
        Assert.True(scrollWidth <= 375 + 1, $"{path}: scrollWidth {scrollWidth}px at a 375px viewport; overflowing: {widest}");
        await page.Context.CloseAsync();
    }

    [Fact(DisplayName = "Keyboard only: the first Tab reaches the skip link, it jumps to the content, and every focused element shows an outline")]
    public async Task Keyboard_skip_link_and_visible_focus()
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync("/Elders/Create");
        const string focused = """
            () => { const e = document.activeElement, s = getComputedStyle(e);
                    return { tag: e.tagName.toLowerCase(), id: e.id, cls: e.className || '', text: (e.innerText || '').trim().slice(0, 20),
                             outline: s.outlineStyle, width: parseFloat(s.outlineWidth), skip: e.matches('a.skip-link'), body: e === document.body }; }
            """;

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<JsonElement>(focused);
        Assert.True(first.GetProperty("skip").GetBoolean(), $"first Tab focused {first}");
        Assert.NotEqual("none", first.GetProperty("outline").GetString());
        await Expect(page.Locator("a.skip-link")).ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "07-skip-link-focused");

        // Enter on the skip link moves focus to <main>
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();

        // from the top again, walk through the header and the whole form: every stop has a visible outline
        await page.GotoAsync("/Elders/Create");
        var problems = new List<string>();
        var stops = 0;
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await page.EvaluateAsync<JsonElement>(focused);
            if (f.GetProperty("body").GetBoolean()) break;
            stops++;
            if (f.GetProperty("outline").GetString() == "none" || f.GetProperty("width").GetDouble() <= 0)
                problems.Add(f.ToString());
            if (f.GetProperty("id").GetString() == "save") break;
        }
        Assert.True(stops >= 10, $"only {stops} Tab stops reached");
        Assert.True(problems.Count == 0, "focused without a visible outline:\n" + string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    [Fact(DisplayName = "长辈版 stays on when moving to another page (cookie yy.mode=elder)")]
    public async Task Elder_mode_persists_across_pages()
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync("/");
        await page.Locator("#mode-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex(@"\belder-mode\b"));

        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "yy.mode" && c.Value == "elder");

        await page.GotoAsync("/Elders");
        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex(@"\belder-mode\b"));
        await Expect(page.Locator("#mode-switch")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#mode-switch")).ToHaveTextAsync("标准版");

        // and it can be switched back, which also sticks
        await page.Locator("#mode-switch").ClickAsync();
        await page.GotoAsync("/Elders/Create");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(new Regex(@"\belder-mode\b"));
        await Expect(page.Locator("#mode-switch")).ToHaveAttributeAsync("aria-pressed", "false");
        await page.Context.CloseAsync();
    }
}
