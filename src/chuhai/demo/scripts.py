"""E-mail and call scripts for the demo sample (written for chuhai; people are fictional).

Placeholders: {product} (the product name in the customer's language), {order} (an order id).
"""

from __future__ import annotations

from typing import Final

__all__ = ["CALLS", "EMAILS", "STAFF_REPLIES"]

# language -> list of (subject, body) written by customers
EMAILS: Final[dict[str, list[tuple[str, str]]]] = {
    "en": [
        (
            "Where is my order {order}?",
            "Hi,\n\nI ordered the {product} two weeks ago and the tracking still says 'label created'. Can you check what is going on? I need it before my trip on Friday.\n\nThanks,\nDana",
        ),
        (
            "{product} stopped charging",
            "Hello, my {product} won't charge anymore. The light blinks red for a second and then nothing. I have tried two different cables. Order {order}. What can I do?",
        ),
        (
            "Refund request for order {order}",
            "I would like to return the {product}. It is much louder than the video showed and I can't use it in the office. Please send me a return label.",
        ),
        (
            "Question before buying",
            "Does the {product} come with a warranty? And do you ship to Hawaii? I couldn't find it on the product page.",
        ),
        (
            "Love it!",
            "Just wanted to say the {product} is fantastic. Bought a second one for my mom. Great job!",
        ),
        (
            "Damaged on arrival",
            "The {product} arrived with a cracked case, box was crushed too. Photos attached. Order {order}. I'd like a replacement please.",
        ),
    ],
    "id": [
        (
            "Pesanan {order} belum sampai",
            "Halo kak,\n\nSaya pesan {product} sudah 10 hari tapi belum sampai juga. Resinya nggak update dari tanggal 3. Tolong dicek ya kak.\n\nTerima kasih",
        ),
        (
            "{product} tidak bisa dicas",
            "Selamat siang, {product} saya tidak bisa dicas lagi, lampunya kedip merah terus mati. Sudah coba kabel lain juga sama. Nomor pesanan {order}. Bisa garansi?",
        ),
        (
            "Minta refund",
            "Kak, saya mau refund untuk pesanan {order}. Barangnya beda warna dengan yang saya pesan, saya pesan putih datangnya hitam.",
        ),
        (
            "Tanya garansi",
            "Halo, {product} ada garansinya berapa lama ya kak? Kalau rusak klaimnya ke mana?",
        ),
        (
            "Terima kasih!",
            "Kipasnya enak banget dipakai di motor, adem. Pengiriman juga cepat. Sukses terus kak!",
        ),
    ],
    "th": [
        (
            "ยังไม่ได้รับสินค้า {order}",
            "สวัสดีค่ะ\n\nสั่ง{product}ไปตั้งแต่อาทิตย์ที่แล้วแต่ยังไม่ได้รับของเลยค่ะ เลขพัสดุไม่อัปเดต รบกวนช่วยตรวจสอบให้หน่อยนะคะ\n\nขอบคุณค่ะ",
        ),
        (
            "{product}ชาร์จไม่เข้า",
            "สวัสดีครับ {product}ที่ซื้อไปชาร์จไม่เข้าแล้วครับ ไฟกะพริบสีแดงแล้วดับ ลองเปลี่ยนสายแล้วก็ไม่ได้ เลขคำสั่งซื้อ {order} ครับ",
        ),
        ("ขอคืนเงิน", "ขอคืนสินค้าคำสั่งซื้อ {order} ค่ะ เสียงดังกว่าที่คิดมาก ใช้ในออฟฟิศไม่ได้เลย"),
        ("สอบถามการรับประกัน", "{product}รับประกันกี่เดือนคะ ถ้าเสียต้องส่งไปที่ไหนคะ"),
        ("ชอบมากค่ะ", "ได้รับของแล้วค่ะ สวยมาก ใช้ดีมาก จะแนะนำเพื่อนๆ ต่อนะคะ"),
    ],
}

# language -> a reply the brand's own agent sends (these must be skipped on import)
STAFF_REPLIES: Final[dict[str, str]] = {
    "en": "Hi,\n\nThanks for reaching out. We have forwarded your case to our warehouse team and will get back to you within 24 hours.\n\nBest regards,\nLumio Support",
    "id": "Halo kak,\n\nTerima kasih sudah menghubungi kami. Kasus kakak sudah kami teruskan ke tim gudang, kami kabari dalam 1x24 jam ya.\n\nSalam,\nTim Lumio",
    "th": "สวัสดีค่ะ\n\nขอบคุณที่ติดต่อมานะคะ ทางเราส่งเรื่องให้ทีมคลังสินค้าแล้ว จะแจ้งกลับภายใน 24 ชั่วโมงค่ะ\n\nทีมงาน Lumio",
}

# language -> list of calls; a call is a list of (role, text); role is "agent" or "customer"
CALLS: Final[dict[str, list[list[tuple[str, str]]]]] = {
    "en": [
        [
            ("agent", "Thank you for calling Lumio support, this is Kelly. How can I help?"),
            (
                "customer",
                "Hi, I bought the neck fan last month and the battery only lasts about two hours now.",
            ),
            ("agent", "I'm sorry to hear that. Which speed do you usually use?"),
            (
                "customer",
                "Mostly the highest one. But it used to last way longer, like five or six hours.",
            ),
            ("customer", "Honestly I'm pretty frustrated, it was a gift for my daughter."),
            (
                "agent",
                "I understand. That sounds like a battery fault, so I'll send you a replacement today.",
            ),
            ("customer", "Oh great, thank you so much. That's really helpful."),
        ],
        [
            ("agent", "Lumio support, Marcus speaking."),
            ("customer", "Yes hi, my package says delivered but there's nothing at my door."),
            ("agent", "Let me look that up. Can you confirm the order number?"),
            (
                "customer",
                "It's the one from October, the power bank. I already checked with my neighbors.",
            ),
            (
                "agent",
                "Thanks. I've opened a claim with the carrier and we'll reship if it isn't found in 3 days.",
            ),
            ("customer", "Okay, fine. Please email me the claim number."),
        ],
    ],
    "id": [
        [
            ("agent", "Selamat siang, dengan Lumio, saya Rina. Ada yang bisa dibantu?"),
            (
                "customer",
                "Siang mbak, kipas leher saya tiba-tiba nggak mau nyala padahal baru dicas penuh.",
            ),
            ("agent", "Mohon maaf kak. Sudah coba tekan tombolnya tiga detik?"),
            ("customer", "Sudah mbak, tetap mati. Belinya baru dua minggu lalu waktu live."),
            ("agent", "Baik kak, kami proses garansi ya, nanti kurir jemput barangnya."),
            ("customer", "Oke mbak, makasih ya. Tolong dipercepat soalnya dipakai tiap hari."),
        ],
        [
            ("agent", "Halo, dengan Lumio, ada yang bisa saya bantu?"),
            (
                "customer",
                "Halo, saya mau tanya, powerbank yang 10000 bisa dibawa naik pesawat nggak?",
            ),
            ("agent", "Bisa kak, kapasitasnya 37 Wh, masih di bawah batas 100 Wh."),
            ("customer", "Oh sip. Terus kalau beli dua ada diskon nggak?"),
            ("agent", "Untuk saat ini ada voucher di live hari Sabtu kak."),
            ("customer", "Oke nanti saya ikut live-nya. Makasih."),
        ],
    ],
    "th": [
        [
            ("agent", "สวัสดีค่ะ Lumio ยินดีให้บริการค่ะ"),
            ("customer", "สวัสดีค่ะ สั่งโคมไฟไปแต่ได้สีผิดค่ะ สั่งสีขาวแต่ได้สีดำ"),
            ("agent", "ขออภัยค่ะ รบกวนขอเลขคำสั่งซื้อด้วยค่ะ"),
            ("customer", "ส่งให้ในแชทแล้วค่ะ อยากได้สีขาวเหมือนเดิมค่ะ"),
            ("agent", "ได้ค่ะ เดี๋ยวส่งสีขาวไปให้ใหม่ภายในสองวันค่ะ"),
            ("customer", "ขอบคุณมากค่ะ บริการดีมาก"),
        ],
        [
            ("agent", "สวัสดีครับ Lumio ครับ"),
            ("customer", "ครับ พัดลมคล้องคอเสียงดังมากตอนเปิดระดับสาม ปกติไหมครับ"),
            ("agent", "ระดับสามจะดังกว่าปกตินิดหน่อยครับ แต่ถ้ามีเสียงแกรกๆ อาจเป็นที่ใบพัด"),
            ("customer", "มีเสียงแกรกๆ ด้วยครับ ซื้อมาได้อาทิตย์เดียวเอง"),
            ("agent", "งั้นเปลี่ยนตัวใหม่ให้นะครับ"),
            ("customer", "โอเคครับ ขอบคุณครับ"),
        ],
    ],
}
