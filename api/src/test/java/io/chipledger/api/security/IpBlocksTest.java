package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals and CIDR blocks: one canonical text each, never a DNS lookup, nothing ambiguous accepted. */
class IpBlocksTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0/24",
            "198.51.100.7, 198.51.100.7/32",
            "0.0.0.0/0, 0.0.0.0/0",
            "2001:DB8::/32, 2001:db8::/32",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1/128",
            "2001:db8:0:0:1:0:0:0/80, 2001:db8:0:0:1::/80",
            "::/0, ::/0"})
    void aBlockHasOneCanonicalText(String given, String canonical) {
        assertThat(IpBlocks.canonicalBlock(given)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.0.0.1/8", "1.2.3.4/33", "::1/129", "::1%eth0", "1.2.3.4:80",
            "01.2.3.4", "256.1.1.1", "1.2.3", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/ 8", "[::1]", "", "/8", "1.2.3.4/08x",
            "::ffff:192.0.2.1", "::ffff:10.0.0.0/104"})
    void anythingButALiteralBlockIsRefused(String given) {
        assertThatThrownBy(() -> IpBlocks.canonicalBlock(given)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "203.0.113.77, true",
            "203.0.114.1, false",
            "2001:db8:ffff::1, true",
            "2001:db9::1, false",
            "::ffff:203.0.113.77, true",
            "unknown, false",
            "localhost, false"})
    void anAddressIsInABlockOnlyWhenItIsALiteralInside(String address, boolean inside) {
        assertThat(IpBlocks.contains(IpBlocks.matchers(List.of("203.0.113.0/24", "2001:db8::/32")), address)).isEqualTo(inside);
    }
}
