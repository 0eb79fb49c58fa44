package jp.jpkigate.revocation.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An attacker's OCSP responder: well-formed answers ("good", nonce echoed, CertID right) signed by
 * its own key, with a responder certificate claiming the CA's name and OCSP signing, signed by that
 * same key instead of the CA's.
 */
final class ForgedOcspResponder {
    private ForgedOcspResponder() {
    }

    static Future<HttpServer> start(Vertx vertx, Clock clock) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        Router router = Router.router(vertx);
        router.post("/ocsp").handler(BodyHandler.create()).handler(ctx -> {
            try {
                OCSPReq request = new OCSPReq(ctx.body().buffer().getBytes());
                Req single = request.getRequestList()[0];
                X500Name caName = new X500Name("C=JP,O=JPKI-SIM,CN=anything");
                X509CertificateHolder responder = new JcaX509v3CertificateBuilder(caName, BigInteger.TEN,
                        Date.from(clock.instant().minus(Duration.ofHours(1))),
                        Date.from(clock.instant().plus(Duration.ofDays(1))), new X500Name("CN=forged responder"),
                        keys.getPublic())
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                        .addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE)
                        .build(signer);
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responder.getSubject()));
                builder.addResponse(single.getCertID(), CertificateStatus.GOOD, Date.from(clock.instant()),
                        Date.from(clock.instant().plus(Duration.ofMinutes(15))));
                builder.setResponseExtensions(new Extensions(request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)));
                var basic = builder.build(signer, new X509CertificateHolder[] {responder}, Date.from(clock.instant()));
                OCSPResp response = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
                ctx.response().putHeader("Content-Type", "application/ocsp-response")
                        .end(Buffer.buffer(response.getEncoded()));
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
    }
}
