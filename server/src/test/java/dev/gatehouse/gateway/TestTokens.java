package dev.gatehouse.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.shared.crypto.SecretBox;

import java.security.SecureRandom;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mints access tokens with Gatehouse's own signing key but claims of the test's choosing: the only
 * way to reach the gateway's expiry, audience and issuer checks with a signature that verifies.
 */
final class TestTokens {

	private final JdbcClient jdbc;

	private final SecretBox box;

	TestTokens(JdbcClient jdbc, SecretBox box) {
		this.jdbc = jdbc;
		this.box = box;
	}

	/** A copy of a real token's claims, changed by {@code change}, signed by the current signing key. */
	String resign(String token, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		ECKey key = signer();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.build(), change.apply(new JWTClaimsSet.Builder(claims)).build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	/** A new access token with these claims, signed by the current signing key. */
	String mint(JWTClaimsSet claims) throws Exception {
		ECKey key = signer();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
			.keyID(key.getKeyID())
			.build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	/** The same claims under HS256, with the real key id: an algorithm the gateway must not accept. */
	String hmac(String token) throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
			.keyID(signer().getKeyID())
			.build(), claims);
		jwt.sign(new MACSigner(secret));
		return jwt.serialize();
	}

	private ECKey signer() throws Exception {
		var row = jdbc.sql("""
				select kid, private_jwk from authserver.signing_keys
				where retired_at is null and activates_at <= now() order by activates_at desc limit 1""")
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getBytes(2) })
			.single();
		return ECKey.parse(box.open((byte[]) row[1], "authserver.signing_key:" + row[0]));
	}

}
