package com.example.shop;

import dev.viewmigrate.annotations.View;

@View(sql = """
        SELECT 1 AS product_id, 42 AS sold
        """)
public class Bestseller {
}
