fn main() {
    let p = std::env::args().nth(1).unwrap();
    let m = spamsift::model::Model::from_bytes(&std::fs::read(p).unwrap()).unwrap();
    for (n, w) in spamsift::features::BLOCK_FEATURES
        .iter()
        .zip(m.parts.block_lr.params().iter())
    {
        println!("block {n:24} {w:8.3}");
    }
    println!("block intercept {}", m.parts.block_lr.intercept());
    for (n, w) in spamsift::features::PAGE_FEATURES
        .iter()
        .zip(m.parts.page_lr.params().iter())
    {
        println!("page {n:24} {w:8.3}");
    }
    println!("page intercept {}", m.parts.page_lr.intercept());
}
