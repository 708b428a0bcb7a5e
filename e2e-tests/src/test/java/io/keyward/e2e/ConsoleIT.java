package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.pat.PatFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (headless Chromium, driven through chromedriver): sign in, create a service
 * user with a PAT, copy it, add a PAT, delete a PAT, delete the account, sign out; what the page shows is checked at
 * each step, and a screenshot of each step is kept in {@code target/console-screenshots}. Needs Debian's
 * {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); skipped, visibly, without them.
 */
@EnabledIf("browserInstalled")
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = RunningStack.root().resolve("e2e-tests").resolve("target")
            .resolve("console-screenshots");

    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static Path profile;

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void openBrowser() throws Exception {
        profile = Files.createTempDirectory("keyward-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        // the profile's session storage held the tokens signed in with
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static WebElement testId(String id) {
        return visible(By.cssSelector("[data-testid='" + id + "']"));
    }

    private static void setDate(WebElement input, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", input,
                date.toString());
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** The entry point's root, signed out whatever an earlier test left in this browser. */
    private static void openSignIn(SharedStack shared) {
        browser.get(shared.stack.gateway() + "/");
        js("sessionStorage.clear()");
        browser.navigate().refresh();
        visible(By.id("signin-token"));
    }

    private static void signIn(SharedStack shared, Api.Principal principal) {
        openSignIn(shared);
        browser.findElement(By.id("signin-token")).sendKeys(principal.pat());
        browser.findElement(By.id("signin-tenant")).sendKeys(principal.tenant(), Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Accounts"));
    }

    private static String pageInfo() {
        return testId("page-info").getText();
    }

    private static List<String> listedUsernames() {
        return browser.findElements(By.cssSelector("[data-testid='accounts'] tbody tr a")).stream()
                .map(WebElement::getText).toList();
    }

    @Test
    void searchPagingAndAPastExpirationInTheBrowser() throws Exception {
        SharedStack shared = SharedStack.get();
        Api api = shared.api;
        String tenant = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Principal admin = api.principal(shared.adminToken, tenant, "console-pager", "tenant-admin");
        for (int i = 1; i <= 12; i++) {
            assertThat(api.createServiceAccount(admin.pat(), tenant, "batch-%02d".formatted(i), null, null).status())
                    .isEqualTo(201);
        }

        // signed in with the keyboard alone (Enter submits), the list pages ten at a time
        signIn(shared, admin);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='page-info']"),
                "Page 1 of 2 · 13 in all"));
        assertThat(listedUsernames()).hasSize(10);
        browser.findElement(By.xpath("//nav[@aria-label='Pages']//button[text()='Next']")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='page-info']"),
                "Page 2 of 2 · 13 in all"));
        List<String> secondPage = listedUsernames();
        assertThat(secondPage).hasSize(3);
        browser.findElement(By.xpath("//nav[@aria-label='Pages']//button[text()='Previous']")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='page-info']"),
                "Page 1 of 2 · 13 in all"));
        List<String> all = new java.util.ArrayList<>(listedUsernames());
        all.addAll(secondPage);
        assertThat(all).containsExactlyInAnyOrder("console-pager", "batch-01", "batch-02", "batch-03", "batch-04",
                "batch-05", "batch-06", "batch-07", "batch-08", "batch-09", "batch-10", "batch-11", "batch-12");

        // search by the start of a username, submitted with Enter; then by part of a name
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("BATCH-1", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='page-info']"),
                "Page 1 of 1 · 3 in all"));
        assertThat(listedUsernames()).containsExactlyInAnyOrder("batch-10", "batch-11", "batch-12");
        screenshot("14-search");
        search.clear();
        search.sendKeys("export", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='page-info']"),
                "Page 1 of 2 · 13 in all"));
        search.clear();
        search.sendKeys("no-such-account", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("panel-service-users"),
                "No service users"));

        // an expiration date in the past is refused before anything is sent, and nothing is created
        testId("create").click();
        visible(By.id("create-name")).sendKeys("Too late");
        browser.findElement(By.id("create-username")).sendKeys("too-late");
        browser.findElement(By.id("create-with-pat")).click();
        setDate(browser.findElement(By.id("create-expiration")), LocalDate.now().minusDays(1));
        testId("submit-create").click();
        assertThat(testId("alert-error").getText()).contains("Expiration date must be in the future.");
        assertThat(browser.findElement(By.id("create-expiration")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("create-expiration");
        screenshot("15-past-expiration");
        assertThat(api.search(admin.pat(), tenant, "too-late").json().path("meta").path("total").asInt())
                .isZero();
    }

    @Test
    void theGuidesConsoleFlowWorksInABrowser() throws Exception {
        SharedStack shared = SharedStack.get();
        Api api = shared.api;
        String tenant = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Principal admin = api.principal(shared.adminToken, tenant, "console-admin", "tenant-admin");
        String username = "streamer-export";
        browser.executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", shared.stack.gateway(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));

        // sign in
        openSignIn(shared);
        visible(By.id("signin-token")).sendKeys(admin.pat());
        browser.findElement(By.id("signin-tenant")).sendKeys(tenant);
        screenshot("01-sign-in");
        browser.findElement(By.cssSelector("form button[type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Accounts"));
        assertThat(browser.findElement(By.id("session-tenant")).getText()).isEqualTo(tenant);
        assertThat(browser.findElement(By.cssSelector("[role='tab'][aria-selected='true']")).getText())
                .isEqualTo("Service users");
        screenshot("02-accounts");

        // create with PAT
        testId("create").click();
        visible(By.id("create-name")).sendKeys("Streamer Export");
        browser.findElement(By.id("create-username")).sendKeys(username);
        browser.findElement(By.id("create-description")).sendKeys("Used by analytics streamer for gNMI export");
        assertThat(new Select(browser.findElement(By.id("create-token-type"))).getFirstSelectedOption().getText())
                .isEqualTo("Bearer");
        new Select(browser.findElement(By.id("create-role"))).selectByValue("service-account-manager");
        browser.findElement(By.id("create-with-pat")).click();
        setDate(browser.findElement(By.id("create-expiration")), LocalDate.now().plusDays(30));
        screenshot("03-create-form");
        testId("submit-create").click();
        WebElement secret = testId("secret-panel");
        String pat = testId("pat-value").getText();
        assertThat(PatFormat.isWellFormed(pat)).isTrue();
        Api.remember(pat);
        assertThat(secret.getText()).contains("only time the token is shown").contains("cannot be retrieved later");
        assertThat(testId("notice").getText()).contains("Service user " + username + " created.");
        screenshot("04-created-with-pat");

        // copy to clipboard
        testId("copy").click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='copy-status']"), "Copied to clipboard."));
        Object clipboard = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('')); ");
        assertThat(clipboard).isEqualTo(pat);
        screenshot("05-copied");
        testId("secret-done").click();
        assertThat(browser.findElements(By.cssSelector("[data-testid='secret-panel']"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(pat);

        // the list shows it; a duplicate is refused with the problem's detail
        visible(By.xpath("//table[@data-testid='accounts']//a[text()='" + username + "']"));
        testId("create").click();
        visible(By.id("create-name")).sendKeys("Again");
        browser.findElement(By.id("create-username")).sendKeys(username.toUpperCase());
        testId("submit-create").click();
        assertThat(testId("alert-error").getText()).contains("Username already used")
                .contains("already exists");
        screenshot("06-readable-error");
        browser.findElement(By.id("create-name")).sendKeys(Keys.ESCAPE);

        // the detail page
        visible(By.xpath("//table[@data-testid='accounts']//a[text()='" + username + "']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), username));
        assertThat(visible(By.id("detail-name")).getAttribute("value")).isEqualTo("Streamer Export");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='tokens'] tbody tr"), 1));
        WebElement name = browser.findElement(By.id("detail-name"));
        name.clear();
        name.sendKeys("Streamer Export (Production)");
        testId("save").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='notice']"), "Saved: Streamer Export (Production)."));
        screenshot("07-detail");

        // add a PAT
        testId("add-pat").click();
        setDate(visible(By.id("pat-expiration")), LocalDate.now().plusDays(60));
        testId("create-pat").click();
        String second = testId("pat-value").getText();
        assertThat(PatFormat.isWellFormed(second)).isTrue().isNotEqualTo(pat);
        Api.remember(second);
        testId("copy").click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='copy-status']"), "Copied to clipboard."));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='tokens'] tbody tr"), 2));
        screenshot("08-pat-added");
        testId("secret-done").click();

        // delete a PAT, with a confirmation step and a confirmation message
        String firstCredential = browser.findElements(By.cssSelector("[data-testid='tokens'] tbody tr")).get(1)
                .getAttribute("data-id");
        testId("delete-pat-" + firstCredential).click();
        WebElement confirm = testId("confirm-delete-pat");
        assertThat(browser.findElement(By.cssSelector(".confirm")).getText()).contains("Delete this token?");
        screenshot("09-confirm-delete-pat");
        confirm.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='notice']"),
                "Personal token " + firstCredential + " deleted."));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='tokens'] tbody tr"), 1));
        screenshot("10-pat-deleted");
        String id = browser.getCurrentUrl().replaceAll(".*#/accounts/", "");
        assertThat(api.getServiceAccount(pat, tenant, id).status()).as("the deleted PAT is revoked").isEqualTo(401);
        assertThat(api.getServiceAccount(second, tenant, id).status()).isEqualTo(200);

        // delete the account, with a confirmation
        testId("delete-account").click();
        WebElement dialog = testId("confirm-dialog");
        assertThat(dialog.getText()).contains("Delete service user?").contains(username);
        screenshot("11-confirm-delete-account");
        dialog.findElement(By.cssSelector("[data-testid='confirm']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='notice']"),
                "Service user " + username + " deleted."));
        visible(By.cssSelector("[data-testid='accounts']"));
        assertThat(browser.findElements(By.xpath("//table[@data-testid='accounts']//a[text()='" + username + "']")))
                .as("the deleted service user is gone from the list").isEmpty();
        screenshot("12-account-deleted");
        assertThat(api.getServiceAccount(second, tenant, id).status()).isEqualTo(401);

        // accessibility basics: every form control has a label, every icon button a name
        assertThat(js("return [...document.querySelectorAll('input,select,textarea')].filter(e => !e.labels"
                + " || e.labels.length === 0).map(e => e.id)")).asList().isEmpty();
        assertThat(js("return [...document.querySelectorAll('button')].filter(b => !b.textContent.trim()"
                + " && !b.getAttribute('aria-label')).length")).isEqualTo(0L);

        // sign out forgets the token
        browser.findElement(By.id("sign-out")).click();
        visible(By.id("signin-token"));
        assertThat(js("return sessionStorage.getItem('keyward.token')")).isNull();
        screenshot("13-signed-out");
    }
}
