package io.clickstream.dimensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlTest {

    private static final String SECRET = "s3cr3t-Pa55";

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db.example.com:5432/shop",
            "jdbc:postgresql://db1:5432,db2:5432/shop?targetServerType=primary&ssl=true",
            "jdbc:postgresql:shop",
            "jdbc:postgresql://localhost/shop?user=reader&ApplicationName=clickstream"})
    void acceptsUrlsWithoutSecrets(String url) {
        assertEquals(url, JdbcUrl.requireWithoutSecret(url, "the environment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://reader:" + SECRET + "@shop-db.example:5432/shop",
            "jdbc:postgresql://reader:" + SECRET + "%40x@shop-db.example/shop",
            "jdbc:postgresql://shop-db.example/shop?password=" + SECRET,
            "jdbc:postgresql://shop-db.example/shop?user=reader&PASSWORD=" + SECRET,
            "jdbc:postgresql://shop-db.example/shop?pass%77ord=" + SECRET,
            "jdbc:postgresql://shop-db.example/shop?%70%61%73%73%77%6f%72%64=" + SECRET,
            "jdbc:postgresql://shop-db.example/shop?sslpassword=" + SECRET,
            "jdbc:postgresql://shop-db.example/shop?ssl=true&%2=" + SECRET,
            "jdbc:postgresql://shop-db.example/shop?user=reader password=" + SECRET,
            "jdbc:mysql://shop-db.example/shop?x=" + SECRET})
    void refusesUrlsCarryingAPasswordWithoutEchoingIt(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JdbcUrl.requireWithoutSecret(url, "CLICKSTREAM_JDBC_PASSWORD"));
        assertFalse(refused.getMessage().contains(SECRET), refused.getMessage());
        assertFalse(refused.getMessage().contains("example"), refused.getMessage());
    }
}
