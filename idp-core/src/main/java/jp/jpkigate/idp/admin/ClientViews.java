package jp.jpkigate.idp.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import jp.jpkigate.idp.client.RegisteredClient;

/** The RFC 7591 §3.2.1-shaped JSON the admin API answers for a client; never with secrets. */
final class ClientViews {
    private ClientViews() {
    }

    /** A registered client: its metadata as registered, {@code client_id_issued_at}, {@code disabled}, {@code source: admin}. */
    static Map<String, Object> of(ClientRecord record) {
        Map<String, Object> json = new LinkedHashMap<>(record.metadata());
        json.keySet().removeAll(MetadataDiff.SECRET_MEMBERS);
        json.put("client_id_issued_at", record.issuedAt().getEpochSecond());
        json.put("disabled", record.disabled());
        json.put("source", "admin");
        return json;
    }

    /** A client of the configuration file, as the OP understood it ({@code source: file}, read-only). */
    static Map<String, Object> of(RegisteredClient client) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client_id", client.clientId());
        client.clientName().ifPresent(name -> json.put("client_name", name));
        json.put("redirect_uris", client.redirectUris().stream().map(URI::toString).toList());
        json.put("token_endpoint_auth_method", client.authMethod().value());
        java.util.List<com.nimbusds.jose.jwk.JWK> keys = new java.util.ArrayList<>();
        client.jwks().ifPresent(jwks -> keys.addAll(jwks.toPublicJWKSet().getKeys()));
        keys.addAll(client.feed().encryptionKeys().toPublicJWKSet().getKeys());
        if (!keys.isEmpty()) {
            json.put("jwks", new com.nimbusds.jose.jwk.JWKSet(keys).toJSONObject());
        }
        client.jwksUri().ifPresent(uri -> json.put("jwks_uri", uri.toString()));
        json.put("scope", String.join(" ", new TreeSet<>(client.scopes())));
        json.put("fapi", client.fapi());
        json.put("require_pushed_authorization_requests", client.requirePushedAuthorizationRequests());
        json.put("require_signed_request_object", client.requireSignedRequestObject());
        json.put("dpop_bound_access_tokens", client.dpopBoundAccessTokens());
        json.put("grant_types", new TreeSet<>(client.grantTypes()).stream().toList());
        if (!client.logout().postLogoutRedirectUris().isEmpty()) {
            json.put("post_logout_redirect_uris", client.logout().postLogoutRedirectUris().stream().map(URI::toString).toList());
        }
        client.logout().backchannelLogoutUri().ifPresent(uri -> {
            json.put("backchannel_logout_uri", uri.toString());
            json.put("backchannel_logout_session_required", client.logout().backchannelLogoutSessionRequired());
        });
        client.feed().deliveryMethod().ifPresent(method -> json.put("feed_delivery_method", method.urn()));
        client.feed().endpointUrl().ifPresent(url -> json.put("feed_endpoint_url", url.toString()));
        json.put("disabled", false);
        json.put("source", "file");
        return json;
    }
}
