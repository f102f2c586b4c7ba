package dev.paddock.agent.contract;

import dev.paddock.agent.parallels.CommandObserver;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** With {@code -Dpaddock.contract.record=<folder>}, every command's output is written there ({@link CorpusRecorder}). */
@TestConfiguration(proxyBeanMethods = false)
class RecordingConfiguration {

    @Bean
    CommandObserver corpusRecorder() {
        String folder = System.getProperty("paddock.contract.record", "");
        return folder.isBlank() ? (command, owner, output) -> {} : new CorpusRecorder(Path.of(folder));
    }
}
