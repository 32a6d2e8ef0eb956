//! Compiles `proto/spamsift/v1/classifier.proto` with protox (pure Rust: no system `protoc`)
//! into tonic/prost code, and writes the encoded descriptor set that gRPC reflection serves.

use protox::prost::Message;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let fds = protox::compile(["spamsift/v1/classifier.proto"], ["proto"])?;
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    // compile_fds does not write the descriptor set; reflection needs it.
    std::fs::write(out.join("spamsift_descriptor.bin"), fds.encode_to_vec())?;
    tonic_prost_build::configure().compile_fds(fds)?;
    Ok(())
}
