package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's Swagger UI, opened through the edge in a real headless Chromium, used as a person would: authorize
 * with a token in the Authorize dialog, open an operation, "Try it out", "Execute", and read the answer on the page.
 */
@ResourceLock(SharedSuite.LOCK)
class SwaggerUiBrowserIntegrationTests {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final String STATUS =
            "document.querySelector('.opblock.is-open .live-responses-table tr.response .response-col_status').textContent.trim()";

    @TempDir
    Path profile;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "orchestrator, /api/v1/orchestrator/hosts, mac-arm64-1",
        "catalog,      /api/v1/catalog,            [",
        "edge,         /api/v1/reverse-proxy,      vm_domain"
    })
    void runsACallFromTheServicesSwaggerUiThroughTheEdge(String service, String path, String expected)
            throws Exception {
        LocalSuite suite = SharedSuite.get();
        String token = new ApiClient(suite.edgeUrl()).login("root", suite.rootPassword());
        try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            chromium.navigate(suite.edgeUrl() + "/swagger-ui.html?urls.primaryName=" + service);
            chromium.waitFor(
                    "document.querySelector('.opblock-summary-path[data-path=\"" + path + "\"]')",
                    service + "'s operations on the page",
                    PAGE_TIMEOUT);
            assertThat(chromium.evaluate("document.querySelector('.info .title').textContent"))
                    .contains("Paddock");

            // Authorize: the bearer scheme's box in the dialog, the token typed in.
            chromium.evaluate("document.querySelector('.btn.authorize').click()");
            chromium.waitFor("document.querySelector('.modal-ux .auth-container input')", "the dialog", PAGE_TIMEOUT);
            chromium.evaluate("""
                    [...document.querySelectorAll('.modal-ux .auth-container')]
                        .find(box => box.textContent.includes('bearer'))
                        .querySelector('input').focus()""");
            chromium.type(token);
            chromium.evaluate("""
                    [...document.querySelectorAll('.modal-ux .auth-container')]
                        .find(box => box.textContent.includes('bearer'))
                        .querySelector('button.authorize').click()""");
            chromium.waitFor(
                    "[...document.querySelectorAll('.modal-ux button')].some(b => b.textContent.trim() === 'Logout')",
                    "the token accepted",
                    PAGE_TIMEOUT);
            chromium.evaluate("document.querySelector('.modal-ux .btn-done, .modal-ux .close-modal').click()");

            // One call: open the operation, try it out, execute.
            tryItOut(chromium, path);

            assertThat(chromium.evaluate(STATUS))
                    .as(service + ": the call's status, with the token")
                    .startsWith("200");
            assertThat(chromium.evaluate(
                            "document.querySelector('.opblock.is-open .live-responses-table tr.response .response-col_description')"
                                    + ".textContent"))
                    .contains(expected);
        }
    }

    @Test
    void refusesTheSameCallWithoutAToken() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            chromium.navigate(suite.edgeUrl() + "/swagger-ui.html?urls.primaryName=orchestrator");
            String path = "/api/v1/orchestrator/hosts";
            chromium.waitFor(
                    "document.querySelector('.opblock-summary-path[data-path=\"" + path + "\"]')",
                    "the operations",
                    PAGE_TIMEOUT);
            tryItOut(chromium, path);

            assertThat(chromium.evaluate(STATUS)).startsWith("401");
        }
    }

    /** Opens the GET operation on {@code path}, presses "Try it out" and "Execute", and waits for the answer. */
    private static void tryItOut(HeadlessChromium chromium, String path) throws Exception {
        chromium.evaluate("[...document.querySelectorAll('.opblock-get .opblock-summary-path[data-path=\"" + path
                + "\"]')][0].closest('.opblock').querySelector('.opblock-summary-control').click()");
        chromium.waitFor("document.querySelector('.opblock.is-open .try-out__btn')", "Try it out", PAGE_TIMEOUT);
        chromium.evaluate("document.querySelector('.opblock.is-open .try-out__btn').click()");
        chromium.waitFor("document.querySelector('.opblock.is-open .execute')", "Execute", PAGE_TIMEOUT);
        chromium.evaluate("document.querySelector('.opblock.is-open .execute').click()");
        chromium.waitFor(
                "document.querySelector('.opblock.is-open .live-responses-table tr.response .response-col_status')",
                "the answer",
                PAGE_TIMEOUT);
    }
}
