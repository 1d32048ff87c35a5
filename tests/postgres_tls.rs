//! TLS to PostgreSQL, with libpq's `sslmode` and `sslrootcert`, against the tests' server
//! (`.ci/postgres.sh` starts it with TLS on, a certificate for `localhost` only, from a
//! throw-away CA whose certificate is `SUMMIT_TEST_PG_CA`).
//!
//! What an admin sees: a URL from a managed PostgreSQL connects encrypted; `verify-full`
//! refuses a server whose certificate does not chain to the trusted roots or does not
//! name the host; and no error shows the password.

#[path = "support/test_postgres.rs"]
mod test_postgres;

use summit_bot::store::PostgresStore;

/// The server's URL and its CA's certificate file, or `None` outside CI without a server.
fn server(test: &str) -> Option<(String, String)> {
    let url = test_postgres::url(test)?;
    let ca = std::env::var("SUMMIT_TEST_PG_CA")
        .unwrap_or_else(|_| panic!("SUMMIT_TEST_PG_CA is set with the URL by .ci/postgres.sh"));
    Some((url, ca))
}

/// The password in `postgres://user:password@host…`.
fn password(url: &str) -> &str {
    let rest = url.split_once("://").expect("a URL").1;
    let userinfo = rest.split_once('@').expect("user and password").0;
    userinfo.split_once(':').expect("a password").1
}

fn with(url: &str, host: &str, query: &str) -> String {
    let url = url.replacen("@127.0.0.1:", &format!("@{host}:"), 1);
    format!("{url}?{query}")
}

fn connect(url: &str) -> Result<PostgresStore, String> {
    let schema = test_postgres::fresh_schema("tls");
    PostgresStore::connect_in(url, Some(&schema)).map_err(|e| e.0)
}

#[track_caller]
fn refused(url: &str, secret: &str) -> String {
    let e = connect(url).err().expect("the connection is refused");
    assert!(!e.contains(secret), "the password is never shown: {e}");
    e
}

#[test]
fn a_plain_url_is_encrypted_when_the_server_offers_tls_and_disable_is_not() {
    let Some((url, _)) = server("a_plain_url_is_encrypted") else {
        return;
    };
    let store = connect(&url).expect("connects");
    assert!(
        store.encrypted().expect("asks"),
        "sslmode=prefer by default"
    );
    let plain = connect(&with(&url, "127.0.0.1", "sslmode=disable")).expect("connects");
    assert!(!plain.encrypted().expect("asks"));
}

#[test]
fn verify_full_with_the_servers_ca_connects_to_the_name_on_the_certificate() {
    let Some((url, ca)) = server("verify_full_with_the_servers_ca") else {
        return;
    };
    let store = connect(&with(
        &url,
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ))
    .expect("connects");
    assert!(store.encrypted().expect("asks"));
}

#[test]
fn verify_full_refuses_a_certificate_for_another_name_and_verify_ca_does_not_compare_it() {
    let Some((url, ca)) = server("verify_full_refuses_another_name") else {
        return;
    };
    // The certificate names localhost, not 127.0.0.1.
    let e = refused(
        &with(
            &url,
            "127.0.0.1",
            &format!("sslmode=verify-full&sslrootcert={ca}"),
        ),
        password(&url),
    );
    assert!(e.contains("certificate"), "{e}");
    let store = connect(&with(
        &url,
        "127.0.0.1",
        &format!("sslmode=verify-ca&sslrootcert={ca}"),
    ))
    .expect("the chain is enough");
    assert!(store.encrypted().expect("asks"));
}

#[test]
fn verify_full_with_public_roots_refuses_a_private_ca_and_require_only_encrypts() {
    let Some((url, _)) = server("verify_full_with_public_roots") else {
        return;
    };
    let e = refused(
        &with(&url, "localhost", "sslmode=verify-full"),
        password(&url),
    );
    assert!(e.contains("certificate"), "{e}");
    let e = refused(
        &with(&url, "localhost", "sslmode=verify-full&sslrootcert=system"),
        password(&url),
    );
    assert!(e.contains("certificate"), "{e}");
    let store = connect(&with(&url, "127.0.0.1", "sslmode=require")).expect("connects");
    assert!(store.encrypted().expect("asks"));
}

#[test]
fn a_bad_sslmode_or_a_missing_root_file_is_named_without_the_password() {
    let Some((url, _)) = server("a_bad_sslmode") else {
        return;
    };
    let e = refused(&with(&url, "127.0.0.1", "sslmode=always"), password(&url));
    assert!(e.contains("sslmode=always"), "{e}");
    let e = refused(
        &with(
            &url,
            "127.0.0.1",
            "sslmode=verify-full&sslrootcert=/nonexistent/root.crt",
        ),
        password(&url),
    );
    assert!(e.contains("/nonexistent/root.crt"), "{e}");
}
