package dev.paddock.common.units;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTests {

    @ParameterizedTest(name = "{0} is {1} MB")
    @CsvSource({
        "8192Mb, 8192",
        "100Gb, 102400",
        "2 GiB, 2048",
        "1.5Tb, 1572864",
        "512, 512",
        "1048576 bytes, 1",
        "64mb, 64",
        "0Mb, 0",
        "lots, -1",
        "12 parsecs, -1"
    })
    void readsSizesInEveryUnitPrintsThem(String text, long megabytes) {
        assertThat(Sizes.megabytes(text)).isEqualTo(megabytes);
    }
}
