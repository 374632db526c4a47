//! A minimal static file server for the built `dist/`, on 127.0.0.1, that can be stopped
//! and started again on the same port (the offline test needs the origin to stay the same).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// Serves the files under a folder. `/` and any path without a file extension that is not a
/// file (a single-page-app route) get `index.html`. Every response says `Cache-Control:
/// no-cache`, so once the server is stopped the browser's HTTP cache cannot stand in for it:
/// only the service worker can.
pub struct StaticServer {
    root: Arc<PathBuf>,
    addr: SocketAddr,
    task: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` on a free port of 127.0.0.1.
    pub async fn start(root: impl Into<PathBuf>) -> Result<Self> {
        let root = Arc::new(root.into());
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .context("binding the static server")?;
        let addr = listener.local_addr()?;
        let task = Some(tokio::spawn(accept_loop(listener, root.clone())));
        Ok(Self { root, addr, task })
    }

    /// The server's origin, e.g. `http://127.0.0.1:41234`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The full URL of `path` (with or without a leading `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.origin(), path.trim_start_matches('/'))
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn is_running(&self) -> bool {
        self.task.is_some()
    }

    /// Stops accepting and drops every open connection (keep-alive ones included), so the
    /// browser sees the origin as down.
    pub async fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
            // Let the aborted connection tasks be dropped, which closes their sockets.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts serving again on the same address (same origin, same service worker scope).
    pub async fn restart(&mut self) -> Result<()> {
        self.stop().await;
        let mut last_err = None;
        for _ in 0..50 {
            match TcpListener::bind(self.addr).await {
                Ok(listener) => {
                    self.task = Some(tokio::spawn(accept_loop(listener, self.root.clone())));
                    return Ok(());
                }
                Err(err) => {
                    last_err = Some(err);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        Err(last_err.expect("at least one try")).context(format!("re-binding {}", self.addr))
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

async fn accept_loop(listener: TcpListener, root: Arc<PathBuf>) {
    // Owned here, so aborting this task drops (and aborts) every connection task.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let root = root.clone();
                connections.spawn(async move {
                    let service = service_fn(move |req| respond(root.clone(), req));
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn respond(
    root: Arc<PathBuf>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Ok(plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"));
    }
    let Some(relative) = safe_relative_path(req.uri().path()) else {
        return Ok(plain(StatusCode::NOT_FOUND, "not found"));
    };
    let mut file = root.join(&relative);
    if !file.is_file() && relative.extension().is_none() {
        file = root.join("index.html");
    }
    let Ok(bytes) = tokio::fs::read(&file).await else {
        return Ok(plain(StatusCode::NOT_FOUND, "not found"));
    };
    let body = if req.method() == Method::HEAD {
        Bytes::new()
    } else {
        Bytes::from(bytes)
    };
    let mut response = Response::new(Full::new(body));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type(&file)));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// The path below the root that a URL path names, or `None` if it would leave the root.
fn safe_relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let trimmed = decoded.trim_start_matches('/');
    let path = Path::new(if trimmed.is_empty() {
        "index.html"
    } else {
        trimmed
    });
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension. Service workers and module scripts need a
/// JavaScript type; `WebAssembly.instantiateStreaming` needs `application/wasm`.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_below_the_root() {
        assert_eq!(safe_relative_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            safe_relative_path("/app-1a2b_bg.wasm"),
            Some(PathBuf::from("app-1a2b_bg.wasm"))
        );
        assert_eq!(
            safe_relative_path("/a%20b.json"),
            Some(PathBuf::from("a b.json"))
        );
        assert_eq!(safe_relative_path("/../etc/passwd"), None);
        assert_eq!(safe_relative_path("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(safe_relative_path("/bad%zz"), None);
    }

    #[test]
    fn content_types_that_browsers_insist_on() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert!(content_type(Path::new("sw.js")).starts_with("text/javascript"));
        assert!(content_type(Path::new("index.html")).starts_with("text/html"));
    }
}
