using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace GridService.Bot.Tests.StaffConsole;

/// <summary>
/// Debian's headless Chromium driven through its chromedriver (never a downloaded browser), pointed at a test host.
/// Screenshots go to <c>screenshots/</c> in the test output folder, at phone and desk widths.
/// </summary>
public sealed class ConsoleBrowser : IDisposable
{
    /// <summary>Where Debian installs the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Where Debian installs the driver.</summary>
    public const string DriverPath = "/usr/bin/chromedriver";

    /// <summary>Phone and desk window sizes.</summary>
    public static readonly (string Name, int Width, int Height)[] Sizes = [("phone", 390, 844), ("desktop", 1366, 900)];

    private readonly ChromeDriver _driver;
    private readonly Uri _base;

    private ConsoleBrowser(ChromeDriver driver, Uri baseAddress)
    {
        _driver = driver;
        _base = baseAddress;
    }

    /// <summary>True when Chromium and its driver are installed.</summary>
    public static bool Available => File.Exists(ChromiumPath) && File.Exists(DriverPath);

    /// <summary>Where screenshots are written.</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The driver, for what the helpers do not cover.</summary>
    public IWebDriver Driver => _driver;

    /// <summary>Starts a browser for the site at <paramref name="baseAddress"/>.</summary>
    public static ConsoleBrowser Start(Uri baseAddress)
    {
        // Selenium must not look anything up on the network: the driver and browser are given.
        Environment.SetEnvironmentVariable("SE_AVOID_STATS", "true");
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--no-first-run", "--lang=zh-CN", "--window-size=1366,900");
        return new ConsoleBrowser(new ChromeDriver(service, options, TimeSpan.FromSeconds(90)), baseAddress);
    }

    /// <summary>Opens a path of the site.</summary>
    public void Open(string path) => _driver.Navigate().GoToUrl(new Uri(_base, path));

    /// <summary>The current path and query.</summary>
    public string CurrentPath => new Uri(_driver.Url).PathAndQuery;

    /// <summary>Signs out (drops the cookies) and signs in as <paramref name="id"/>.</summary>
    public void SignIn(string id, string password)
    {
        SignOut();
        Open("/console/login");
        Type("#id", id);
        Type("#password", password);
        Click("#login");
    }

    /// <summary>Forgets the session.</summary>
    public void SignOut()
    {
        Open("/console/login");
        _driver.Manage().Cookies.DeleteAllCookies();
    }

    /// <summary>Types into a field (clearing it first).</summary>
    public void Type(string css, string text)
    {
        var field = Find(css);
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Sets a field's value as a script would and tells the page (for date-time inputs, whose typing is locale-bound).</summary>
    public void SetValue(string css, string value) =>
        _driver.ExecuteScript("var e=document.querySelector(arguments[0]);e.value=arguments[1];e.dispatchEvent(new Event('input',{bubbles:true}));e.dispatchEvent(new Event('change',{bubbles:true}));", css, value);

    /// <summary>Clicks.</summary>
    public void Click(string css) => Find(css).Click();

    /// <summary>The element, waiting for it a moment.</summary>
    public IWebElement Find(string css) => Wait(() => _driver.FindElements(By.CssSelector(css)).FirstOrDefault(), $"no element {css} on {_driver.Url}");

    /// <summary>Every element matching.</summary>
    public IReadOnlyList<IWebElement> All(string css) => _driver.FindElements(By.CssSelector(css));

    /// <summary>The visible text of the page's main part (read again if the page changes meanwhile).</summary>
    public string MainText => Wait(() => _driver.FindElement(By.TagName("main")).Text, $"no main part on {_driver.Url}");

    /// <summary>Waits until <paramref name="probe"/> gives something (not null, not false), failing with <paramref name="what"/>.</summary>
    public static T Wait<T>(Func<T?> probe, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var value = probe();
                if (value is not null && value is not false) return value;
            }
            catch (WebDriverException) when (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(15)))
            {
                // The page was replaced while it was read (a form posted, a redirect): read the new one.
            }

            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(15))) throw new TimeoutException(what);
            Thread.Sleep(50);
        }
    }

    /// <summary>Screenshots of the current page at phone and desk width (whole page, up to a limit), named <paramref name="name"/>.</summary>
    public void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        foreach (var (size, width, height) in Sizes)
        {
            // The device metrics, not the window: a headless window cannot grow past its screen.
            Emulate(width, height);
            var full = Convert.ToInt32(_driver.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight)"), System.Globalization.CultureInfo.InvariantCulture);
            Emulate(width, Math.Clamp(full, height, 6000));
            _driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotDirectory, $"{name}.{size}.png"));
        }

        _driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
    }

    private void Emulate(int width, int height) => _driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
    {
        ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 600,
    });

    /// <inheritdoc />
    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}

/// <summary>A fact that needs Chromium: skipped, saying why, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!ConsoleBrowser.Available)
        {
            Skip = $"Chromium is not installed ({ConsoleBrowser.ChromiumPath}, {ConsoleBrowser.DriverPath}): apt-get install chromium chromium-driver (.ci/run does)";
        }
    }
}
