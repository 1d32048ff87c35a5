//! TLS to PostgreSQL, with libpq's meanings of the URL's `sslmode` and `sslrootcert`, so
//! that the `DATABASE_URL` a managed PostgreSQL hands out works as it is:
//!
//! - `sslmode=disable`: plain; `prefer` (the default) and `allow`: TLS when the server
//!   offers it; `require`: TLS or no connection. None of these checks the server's
//!   certificate, unless `sslrootcert` names the certificates to trust (then the chain is
//!   checked, as libpq does).
//! - `sslmode=verify-ca`: TLS, and the server's certificate must chain to a trusted root;
//!   `verify-full`: and it must also name the host in the URL.
//! - `sslrootcert=PATH`: a PEM file of the certificates to trust; `system`, or nothing with
//!   a `verify-*` mode: Mozilla's roots (the `webpki-roots` crate), which managed services'
//!   public certificates chain to.
//!
//! tokio-postgres itself knows only `disable`, `prefer` and `require`, and no
//! `sslrootcert`: [`prepare`] takes those out of the URL and builds the rustls connector
//! that does the rest.

use super::{StoreError, StoreResult};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Encrypted, not authenticated (libpq's `prefer` and `require`).
    Nothing,
    /// The chain up to a trusted root (`verify-ca`).
    Chain,
    /// The chain and the host name (`verify-full`).
    ChainAndName,
}

/// The URL tokio-postgres can parse, and the TLS connector for it.
pub(super) fn prepare(url: &str) -> StoreResult<(String, MakeRustlsConnect)> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let (mut mode, mut root) = (None, None);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => mode = Some(decode(value)?),
            "sslrootcert" => root = Some(decode(value)?),
            _ => kept.push(pair),
        }
    }
    let (passed, check) = match mode.as_deref() {
        None | Some("prefer") | Some("allow") => ("prefer", Check::Nothing),
        Some("disable") => ("disable", Check::Nothing),
        Some("require") => ("require", Check::Nothing),
        Some("verify-ca") => ("require", Check::Chain),
        Some("verify-full") => ("require", Check::ChainAndName),
        Some(other) => {
            return Err(StoreError(format!(
                "DATABASE_URL: sslmode={other} is not one of disable, allow, prefer, require, \
                 verify-ca, verify-full"
            )))
        }
    };
    // libpq: a root certificate file given with `require` checks the chain.
    let check = match (check, &root) {
        (Check::Nothing, Some(_)) if passed != "disable" => Check::Chain,
        _ => check,
    };
    let mode = format!("sslmode={passed}");
    kept.push(&mode);
    let url = format!("{base}?{}", kept.join("&"));
    Ok((
        url,
        MakeRustlsConnect::new(client_config(check, root.as_deref())?),
    ))
}

/// `%XX` escapes of a URL query value (a path may carry them).
fn decode(value: &str) -> StoreResult<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = value
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| StoreError(format!("DATABASE_URL: bad escape in {value:?}")))?;
                out.push(hex);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| StoreError(format!("DATABASE_URL: {value:?} is not UTF-8")))
}

fn client_config(check: Check, root: Option<&str>) -> StoreResult<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match check {
        Check::Nothing => Arc::new(Unverified(Arc::clone(&provider))),
        Check::Chain | Check::ChainAndName => {
            let roots = roots(root)?;
            let webpki =
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(&provider))
                    .build()
                    .map_err(|e| StoreError(format!("DATABASE_URL: sslrootcert: {e}")))?;
            if check == Check::Chain {
                Arc::new(ChainOnly(webpki))
            } else {
                webpki
            }
        }
    };
    Ok(ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError(format!("TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

fn roots(root: Option<&str>) -> StoreResult<RootCertStore> {
    let mut store = RootCertStore::empty();
    match root {
        None | Some("system") => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| StoreError(format!("DATABASE_URL: sslrootcert={path}: {e}")))?;
            let (added, _) = store.add_parsable_certificates(certs);
            if added == 0 {
                return Err(StoreError(format!(
                    "DATABASE_URL: sslrootcert={path}: no certificate in the file"
                )));
            }
        }
    }
    Ok(store)
}

/// Encrypts without checking who answers (libpq's `prefer` and `require`): the handshake's
/// signatures are still checked, the certificate is not.
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// libpq's `verify-ca`: the chain must reach a trusted root; the name is not compared.
/// (webpki checks the chain before the name, so a name mismatch means the chain passed.)
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_modes_become_what_tokio_postgres_knows() {
        let url = |u: &str| prepare(u).map(|(u, _)| u);
        assert_eq!(
            url("postgres://u:p@h/db").expect("prepared"),
            "postgres://u:p@h/db?sslmode=prefer"
        );
        assert_eq!(
            url("postgres://u:p@h/db?application_name=x&sslmode=verify-full").expect("prepared"),
            "postgres://u:p@h/db?application_name=x&sslmode=require"
        );
        assert_eq!(
            url("postgres://u:p@h/db?sslmode=disable").expect("prepared"),
            "postgres://u:p@h/db?sslmode=disable"
        );
        assert_eq!(
            url("postgres://u:p@h/db?sslmode=verify-ca&sslrootcert=system").expect("prepared"),
            "postgres://u:p@h/db?sslmode=require"
        );
        let bad = url("postgres://u:p@h/db?sslmode=on")
            .expect_err("refused")
            .0;
        assert!(bad.contains("sslmode=on"), "{bad}");
        let missing = url("postgres://u:p@h/db?sslmode=verify-full&sslrootcert=%2Fno%2Fsuch.pem")
            .expect_err("refused")
            .0;
        assert!(missing.contains("/no/such.pem"), "{missing}");
    }
}
