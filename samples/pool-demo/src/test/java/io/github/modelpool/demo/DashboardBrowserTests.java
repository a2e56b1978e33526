package io.github.modelpool.demo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.github.modelpool.pool.EmbeddingPool;
import io.github.modelpool.pool.ModelPool;
import io.github.modelpool.simulator.ProviderSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium: members show up, a fault injected with the
 * page's own controls moves the conversation, and the page shows the member's new state
 * and the switch. Needs Debian's {@code chromium} and {@code chromium-driver} (CI
 * installs them); skipped where they are absent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("demo.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("demo.chromedriver", "/usr/bin/chromedriver"));

	private static final Duration WAIT = Duration.ofSeconds(15);

	@DynamicPropertySource
	static void simulator(DynamicPropertyRegistry registry) {
		DemoTestSupport.register(registry);
	}

	@BeforeAll
	static void requireChromium() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ProviderSimulator simulator;

	@Autowired
	private ModelPool assistant;

	@Autowired
	private EmbeddingPool vectors;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser(@TempDir Path profile) {
		DemoTestSupport.heal(this.simulator, this.assistant, this.vectors);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=1400,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, WAIT);
		// The dashboard re-renders what it shows (a streamed reply chunk by chunk, the member
		// table every poll): an element read while it is replaced is read again.
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void injectedFaultMovesTheConversationAndThePageShowsItLive() throws Exception {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-pool='assistant'] tr[data-member]"), 3));
		assertThat(memberIds()).containsExactly("gpt-a", "gpt-b", "claude");
		assertThat(state("claude")).isEqualTo("CLOSED");

		String home = send("browser-1", "Hello from the browser");
		assertThat(home).isIn("gpt-a", "gpt-b");

		inject(home, "unauthorized");

		String failover = send("browser-1", "Are you still there?");
		assertThat(failover).isNotEqualTo(home);

		this.wait.until((driver) -> "QUARANTINED".equals(state(home)));
		this.wait.until((driver) -> countdown(home).endsWith(" s left"));
		this.wait.until((driver) -> switches() >= 1);
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#switch-log tr[data-switch='permanent']")));
		assertThat(this.driver.findElement(By.cssSelector("tr[data-member='" + failover + "'] [data-active-sessions]"))
			.getText()).isNotEqualTo("0");

		saveScreenshot();

		this.driver.findElement(By.cssSelector("button[data-heal='" + home + "']")).click();
		this.driver.findElement(By.cssSelector("button[data-reset='" + home + "']")).click();
		this.wait.until((driver) -> "CLOSED".equals(state(home)));
	}

	@Test
	void aConversationsLaterTurnsShowTheProvidersCacheHits() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-pool='assistant'] tr[data-member]"), 3));
		String home = send("browser-cache", "Hello there");
		// Chat memory sends the first turn again: the home's account has it cached.
		assertThat(send("browser-cache", "Tell me more")).isEqualTo(home);
		this.wait.until((driver) -> cacheHitRatio("tr[data-member='" + home + "']") > 0);
		this.wait.until((driver) -> cacheHitRatio("[data-pool='assistant'] .stats") > 0);
		assertThat(this.driver.findElement(By.cssSelector("tr[data-member='" + home + "'] [data-cache-hit-ratio]"))
			.getText()).endsWith("%");
	}

	@Test
	void eachMembersBudgetShowsWhatIsLeftAfterACall() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-pool='assistant'] tr[data-member]"), 3));
		String home = send("browser-budget", "Hello there");
		this.wait.until((driver) -> {
			String left = driver.findElement(By.cssSelector("tr[data-member='" + home + "'] [data-requests-remaining]"))
				.getDomAttribute("data-requests-remaining");
			return left != null && !left.isEmpty() && Integer.parseInt(left) < 600;
		});
		assertThat(this.driver.findElement(By.cssSelector("tr[data-member='" + home + "'] [data-inflight]"))
			.getText()).contains("/600 req").contains("0 in flight");
		assertThat(this.driver.findElement(By.cssSelector("tr[data-member='claude'] [data-inflight]")).getText())
			.startsWith("-");
	}

	private double cacheHitRatio(String scope) {
		String ratio = this.driver.findElement(By.cssSelector(scope + " [data-cache-hit-ratio]"))
			.getDomAttribute("data-cache-hit-ratio");
		return (ratio == null || ratio.isEmpty()) ? 0 : Double.parseDouble(ratio);
	}

	@Test
	void theFirstPaintShowsThePoolItsHealthAndItsMembers() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		// No waiting: the state is in the page itself.
		assertThat(memberIds()).containsExactly("gpt-a", "gpt-b", "claude");
		assertThat(health()).isEqualTo("UP");
		for (int width : new int[] { 1280, 1400 }) {
			this.driver.manage().window().setSize(new Dimension(width, 1000));
			for (WebElement row : this.driver.findElements(By.cssSelector("tr[data-member]"))) {
				assertThat(row.findElements(By.cssSelector(".actions button")).stream()
					.map((button) -> button.getLocation().getY())
					.distinct()).as("buttons on one line at %d px", width).hasSize(1);
			}
		}
		this.driver.manage().window().setSize(new Dimension(1024, 900));
		Number overflow = (Number) ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(overflow.intValue()).as("horizontal overflow at 1024 px").isLessThanOrEqualTo(0);
	}

	@Test
	void aStreamCutMidAnswerIsFinishedByClaudeAndShowsAFailedReplyWhenItCannotBe() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-pool='assistant'] tr[data-member]"), 3));
		String home = send("browser-cut", "Hello");
		inject(home, "cut");
		this.driver.findElement(By.id("stream")).click();
		send("browser-cut", "Tell me more");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"),
				"browser-cut → " + home + " → claude: [" + home + "]"));
		assertThat(this.driver.findElement(By.id("reply")).getDomAttribute("data-failed")).isNull();

		inject("claude", "reject-prefill");
		WebElement messageField = this.driver.findElement(By.id("message"));
		messageField.clear();
		messageField.sendKeys("And then?");
		this.driver.findElement(By.id("send")).click();
		this.wait.until(ExpectedConditions.attributeToBe(By.id("reply"), "data-failed", "true"));
		assertThat(this.driver.findElement(By.id("reply")).getText()).contains("The answer is incomplete")
			.contains("Failed:");
	}

	@Test
	void isolateAndResetChangeTheStateAndAFailedControlShowsItsError() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-pool='assistant'] tr[data-member]"), 3));
		this.driver.findElement(By.cssSelector("button[data-isolate='gpt-a']")).click();
		this.wait.until((driver) -> "FORCED_OPEN".equals(state("gpt-a")));
		this.wait.until((driver) -> "DEGRADED".equals(health()));
		this.driver.findElement(By.cssSelector("button[data-reset='gpt-a']")).click();
		this.wait.until((driver) -> "CLOSED".equals(state("gpt-a")));
		this.wait.until((driver) -> "UP".equals(health()));

		((JavascriptExecutor) this.driver).executeScript("const select = document.querySelector(arguments[0]);"
				+ "select.add(new Option('bogus', 'bogus')); select.value = 'bogus';",
				"select[data-fault-select='gpt-a']");
		this.driver.findElement(By.cssSelector("button[data-inject='gpt-a']")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("[data-control-error='gpt-a']"), "Unknown fault 'bogus'"));
	}

	@Test
	void theEmbedBoxNamesTheAnsweringMemberAndAFaultMovesTheNextCall() {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		assertThat(this.driver.findElements(By.cssSelector("[data-pool='vectors'] tr[data-member]")))
			.extracting((row) -> row.getDomAttribute("data-member"))
			.containsExactly("embed-a", "embed-b");
		assertThat(this.driver.findElement(By.cssSelector("[data-pool='vectors']")).getDomAttribute("data-type"))
			.isEqualTo("embedding");
		assertThat(this.driver.findElement(By.cssSelector("[data-pool='vectors'] .stats")).getText())
			.contains("dimensions 256")
			.doesNotContain("sessions");
		assertThat(this.driver.findElement(By.cssSelector("tr[data-member='embed-a'] [data-active-sessions]")).getText())
			.as("no sessions in an embedding pool")
			.isEqualTo("-");
		String first = embed("What is a pool?");
		assertThat(first).isIn("embed-a", "embed-b");
		assertThat(this.driver.findElement(By.id("embedding")).getText()).contains("256 dimensions");
		inject(first, "quota");
		String second = embed("And now?");
		assertThat(second).isIn("embed-a", "embed-b").isNotEqualTo(first);
	}

	private String embed(String text) {
		WebElement field = this.driver.findElement(By.id("embed-text"));
		field.clear();
		field.sendKeys(text);
		this.driver.findElement(By.id("embed")).click();
		return this.wait.until((driver) -> {
			WebElement result = driver.findElement(By.id("embedding"));
			return text.equals(result.getDomAttribute("data-embedded-text"))
					? result.getDomAttribute("data-embedding-member") : null;
		});
	}

	private void inject(String member, String fault) {
		new Select(this.driver.findElement(By.cssSelector("select[data-fault-select='" + member + "']")))
			.selectByValue(fault);
		this.driver.findElement(By.cssSelector("button[data-inject='" + member + "']")).click();
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("tr[data-member='" + member + "'] [data-active-fault]")));
	}

	private String send(String conversation, String message) {
		WebElement conversationField = this.driver.findElement(By.id("conversation"));
		conversationField.clear();
		conversationField.sendKeys(conversation);
		WebElement messageField = this.driver.findElement(By.id("message"));
		messageField.clear();
		messageField.sendKeys(message);
		String previous = this.driver.findElement(By.id("reply")).getText();
		this.driver.findElement(By.id("send")).click();
		return this.wait.until((driver) -> {
			String text = driver.findElement(By.id("reply")).getText();
			return (!text.equals(previous) && text.contains(message))
					? driver.findElement(By.cssSelector("#reply [data-reply-member]")).getDomAttribute("data-reply-member")
					: null;
		});
	}

	private List<String> memberIds() {
		return this.driver.findElements(By.cssSelector("[data-pool='assistant'] tr[data-member]"))
			.stream()
			.map((row) -> row.getDomAttribute("data-member"))
			.toList();
	}

	private String state(String member) {
		return this.driver.findElement(By.cssSelector("tr[data-member='" + member + "'] [data-state]"))
			.getDomAttribute("data-state");
	}

	private String countdown(String member) {
		return this.driver.findElement(By.cssSelector("tr[data-member='" + member + "'] .countdown")).getText();
	}

	private String health() {
		return this.driver.findElement(By.cssSelector("[data-pool='assistant'] [data-health]")).getDomAttribute("data-health");
	}

	private int switches() {
		return Integer.parseInt(this.driver.findElement(By.cssSelector("[data-pool='assistant'] [data-switches]"))
			.getDomAttribute("data-switches"));
	}

	private void saveScreenshot() throws Exception {
		File screenshot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "dashboard.png");
		Files.createDirectories(target.getParent());
		Files.copy(screenshot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

}
