/* geo.c - countries (ISO 3166-1 alpha-2) and Thai provinces (ISO 3166-2:TH).
 *
 * Codes and English names follow ISO 3166 (as shipped by Debian's
 * iso-codes), shortened to the names people use ("Laos", "Vietnam").  Thai
 * names follow the Royal Institute / Ministry of Foreign Affairs lists
 * (เมียนมา, not พม่า; ทูร์เคีย; เอสวาตินี).  Older or formal names that officers
 * still type ("Burma", "พม่า", "สปป.ลาว", "Lao People's Democratic Republic")
 * are kept as aliases for lookup only, so what is stored is always a code.
 *
 * Both tables are sorted by code: geo_country() and geo_province() use
 * bsearch, and a test checks the order. */
#include "core/geo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Countries plus GEO_STATELESS, ordered by code. */
static const geo_entry countries[] = {
    { "AD", "Andorra", "อันดอร์รา" },
    { "AE", "United Arab Emirates", "สหรัฐอาหรับเอมิเรตส์" },
    { "AF", "Afghanistan", "อัฟกานิสถาน" },
    { "AG", "Antigua and Barbuda", "แอนติกาและบาร์บูดา" },
    { "AI", "Anguilla", "แองกวิลลา" },
    { "AL", "Albania", "แอลเบเนีย" },
    { "AM", "Armenia", "อาร์เมเนีย" },
    { "AO", "Angola", "แองโกลา" },
    { "AQ", "Antarctica", "แอนตาร์กติกา" },
    { "AR", "Argentina", "อาร์เจนตินา" },
    { "AS", "American Samoa", "อเมริกันซามัว" },
    { "AT", "Austria", "ออสเตรีย" },
    { "AU", "Australia", "ออสเตรเลีย" },
    { "AW", "Aruba", "อารูบา" },
    { "AX", "Åland Islands", "หมู่เกาะโอลันด์" },
    { "AZ", "Azerbaijan", "อาเซอร์ไบจาน" },
    { "BA", "Bosnia and Herzegovina", "บอสเนียและเฮอร์เซโกวีนา" },
    { "BB", "Barbados", "บาร์เบโดส" },
    { "BD", "Bangladesh", "บังกลาเทศ" },
    { "BE", "Belgium", "เบลเยียม" },
    { "BF", "Burkina Faso", "บูร์กินาฟาโซ" },
    { "BG", "Bulgaria", "บัลแกเรีย" },
    { "BH", "Bahrain", "บาห์เรน" },
    { "BI", "Burundi", "บุรุนดี" },
    { "BJ", "Benin", "เบนิน" },
    { "BL", "Saint Barthélemy", "แซงบาร์เตเลอมี" },
    { "BM", "Bermuda", "เบอร์มิวดา" },
    { "BN", "Brunei", "บรูไนดารุสซาลาม" },
    { "BO", "Bolivia", "โบลิเวีย" },
    { "BQ", "Bonaire, Sint Eustatius and Saba", "โบแนร์ ซินต์ยูสทาเชียส และซาบา" },
    { "BR", "Brazil", "บราซิล" },
    { "BS", "Bahamas", "บาฮามาส" },
    { "BT", "Bhutan", "ภูฏาน" },
    { "BV", "Bouvet Island", "เกาะบูเวต์" },
    { "BW", "Botswana", "บอตสวานา" },
    { "BY", "Belarus", "เบลารุส" },
    { "BZ", "Belize", "เบลีซ" },
    { "CA", "Canada", "แคนาดา" },
    { "CC", "Cocos (Keeling) Islands", "หมู่เกาะโคโคส (คีลิง)" },
    { "CD", "Democratic Republic of the Congo", "สาธารณรัฐประชาธิปไตยคองโก" },
    { "CF", "Central African Republic", "สาธารณรัฐแอฟริกากลาง" },
    { "CG", "Congo", "สาธารณรัฐคองโก" },
    { "CH", "Switzerland", "สวิตเซอร์แลนด์" },
    { "CI", "Côte d'Ivoire", "โกตดิวัวร์" },
    { "CK", "Cook Islands", "หมู่เกาะคุก" },
    { "CL", "Chile", "ชิลี" },
    { "CM", "Cameroon", "แคเมอรูน" },
    { "CN", "China", "จีน" },
    { "CO", "Colombia", "โคลอมเบีย" },
    { "CR", "Costa Rica", "คอสตาริกา" },
    { "CU", "Cuba", "คิวบา" },
    { "CV", "Cabo Verde", "กาบูเวร์ดี" },
    { "CW", "Curaçao", "คิวราเซา" },
    { "CX", "Christmas Island", "เกาะคริสต์มาส" },
    { "CY", "Cyprus", "ไซปรัส" },
    { "CZ", "Czechia", "เช็กเกีย" },
    { "DE", "Germany", "เยอรมนี" },
    { "DJ", "Djibouti", "จิบูตี" },
    { "DK", "Denmark", "เดนมาร์ก" },
    { "DM", "Dominica", "โดมินิกา" },
    { "DO", "Dominican Republic", "สาธารณรัฐโดมินิกัน" },
    { "DZ", "Algeria", "แอลจีเรีย" },
    { "EC", "Ecuador", "เอกวาดอร์" },
    { "EE", "Estonia", "เอสโตเนีย" },
    { "EG", "Egypt", "อียิปต์" },
    { "EH", "Western Sahara", "สะฮาราตะวันตก" },
    { "ER", "Eritrea", "เอริเทรีย" },
    { "ES", "Spain", "สเปน" },
    { "ET", "Ethiopia", "เอธิโอเปีย" },
    { "FI", "Finland", "ฟินแลนด์" },
    { "FJ", "Fiji", "ฟิจิ" },
    { "FK", "Falkland Islands", "หมู่เกาะฟอล์กแลนด์" },
    { "FM", "Micronesia", "ไมโครนีเซีย" },
    { "FO", "Faroe Islands", "หมู่เกาะแฟโร" },
    { "FR", "France", "ฝรั่งเศส" },
    { "GA", "Gabon", "กาบอง" },
    { "GB", "United Kingdom", "สหราชอาณาจักร" },
    { "GD", "Grenada", "เกรนาดา" },
    { "GE", "Georgia", "จอร์เจีย" },
    { "GF", "French Guiana", "เฟรนช์เกียนา" },
    { "GG", "Guernsey", "เกิร์นซีย์" },
    { "GH", "Ghana", "กานา" },
    { "GI", "Gibraltar", "ยิบรอลตาร์" },
    { "GL", "Greenland", "กรีนแลนด์" },
    { "GM", "Gambia", "แกมเบีย" },
    { "GN", "Guinea", "กินี" },
    { "GP", "Guadeloupe", "กวาเดอลูป" },
    { "GQ", "Equatorial Guinea", "อิเควทอเรียลกินี" },
    { "GR", "Greece", "กรีซ" },
    { "GS", "South Georgia and the South Sandwich Islands", "เกาะเซาท์จอร์เจียและหมู่เกาะเซาท์แซนด์วิช" },
    { "GT", "Guatemala", "กัวเตมาลา" },
    { "GU", "Guam", "กวม" },
    { "GW", "Guinea-Bissau", "กินีบิสเซา" },
    { "GY", "Guyana", "กายอานา" },
    { "HK", "Hong Kong", "ฮ่องกง" },
    { "HM", "Heard Island and McDonald Islands", "เกาะเฮิร์ดและหมู่เกาะแมกดอนัลด์" },
    { "HN", "Honduras", "ฮอนดูรัส" },
    { "HR", "Croatia", "โครเอเชีย" },
    { "HT", "Haiti", "เฮติ" },
    { "HU", "Hungary", "ฮังการี" },
    { "ID", "Indonesia", "อินโดนีเซีย" },
    { "IE", "Ireland", "ไอร์แลนด์" },
    { "IL", "Israel", "อิสราเอล" },
    { "IM", "Isle of Man", "เกาะแมน" },
    { "IN", "India", "อินเดีย" },
    { "IO", "British Indian Ocean Territory", "ดินแดนบริติชในมหาสมุทรอินเดีย" },
    { "IQ", "Iraq", "อิรัก" },
    { "IR", "Iran", "อิหร่าน" },
    { "IS", "Iceland", "ไอซ์แลนด์" },
    { "IT", "Italy", "อิตาลี" },
    { "JE", "Jersey", "เจอร์ซีย์" },
    { "JM", "Jamaica", "จาเมกา" },
    { "JO", "Jordan", "จอร์แดน" },
    { "JP", "Japan", "ญี่ปุ่น" },
    { "KE", "Kenya", "เคนยา" },
    { "KG", "Kyrgyzstan", "คีร์กีซสถาน" },
    { "KH", "Cambodia", "กัมพูชา" },
    { "KI", "Kiribati", "คิริบาตี" },
    { "KM", "Comoros", "คอโมโรส" },
    { "KN", "Saint Kitts and Nevis", "เซนต์คิตส์และเนวิส" },
    { "KP", "North Korea", "เกาหลีเหนือ" },
    { "KR", "South Korea", "เกาหลีใต้" },
    { "KW", "Kuwait", "คูเวต" },
    { "KY", "Cayman Islands", "หมู่เกาะเคย์แมน" },
    { "KZ", "Kazakhstan", "คาซัคสถาน" },
    { "LA", "Laos", "ลาว" },
    { "LB", "Lebanon", "เลบานอน" },
    { "LC", "Saint Lucia", "เซนต์ลูเซีย" },
    { "LI", "Liechtenstein", "ลิกเตนสไตน์" },
    { "LK", "Sri Lanka", "ศรีลังกา" },
    { "LR", "Liberia", "ไลบีเรีย" },
    { "LS", "Lesotho", "เลโซโท" },
    { "LT", "Lithuania", "ลิทัวเนีย" },
    { "LU", "Luxembourg", "ลักเซมเบิร์ก" },
    { "LV", "Latvia", "ลัตเวีย" },
    { "LY", "Libya", "ลิเบีย" },
    { "MA", "Morocco", "โมร็อกโก" },
    { "MC", "Monaco", "โมนาโก" },
    { "MD", "Moldova", "มอลโดวา" },
    { "ME", "Montenegro", "มอนเตเนโกร" },
    { "MF", "Saint Martin (French part)", "แซงมาร์แตง (ส่วนของฝรั่งเศส)" },
    { "MG", "Madagascar", "มาดากัสการ์" },
    { "MH", "Marshall Islands", "หมู่เกาะมาร์แชลล์" },
    { "MK", "North Macedonia", "มาซิโดเนียเหนือ" },
    { "ML", "Mali", "มาลี" },
    { "MM", "Myanmar", "เมียนมา" },
    { "MN", "Mongolia", "มองโกเลีย" },
    { "MO", "Macao", "มาเก๊า" },
    { "MP", "Northern Mariana Islands", "หมู่เกาะนอร์เทิร์นมาเรียนา" },
    { "MQ", "Martinique", "มาร์ตินีก" },
    { "MR", "Mauritania", "มอริเตเนีย" },
    { "MS", "Montserrat", "มอนต์เซอร์รัต" },
    { "MT", "Malta", "มอลตา" },
    { "MU", "Mauritius", "มอริเชียส" },
    { "MV", "Maldives", "มัลดีฟส์" },
    { "MW", "Malawi", "มาลาวี" },
    { "MX", "Mexico", "เม็กซิโก" },
    { "MY", "Malaysia", "มาเลเซีย" },
    { "MZ", "Mozambique", "โมซัมบิก" },
    { "NA", "Namibia", "นามิเบีย" },
    { "NC", "New Caledonia", "นิวแคลิโดเนีย" },
    { "NE", "Niger", "ไนเจอร์" },
    { "NF", "Norfolk Island", "เกาะนอร์ฟอล์ก" },
    { "NG", "Nigeria", "ไนจีเรีย" },
    { "NI", "Nicaragua", "นิการากัว" },
    { "NL", "Netherlands", "เนเธอร์แลนด์" },
    { "NO", "Norway", "นอร์เวย์" },
    { "NP", "Nepal", "เนปาล" },
    { "NR", "Nauru", "นาอูรู" },
    { "NU", "Niue", "นีอูเอ" },
    { "NZ", "New Zealand", "นิวซีแลนด์" },
    { "OM", "Oman", "โอมาน" },
    { "PA", "Panama", "ปานามา" },
    { "PE", "Peru", "เปรู" },
    { "PF", "French Polynesia", "เฟรนช์โปลินีเซีย" },
    { "PG", "Papua New Guinea", "ปาปัวนิวกินี" },
    { "PH", "Philippines", "ฟิลิปปินส์" },
    { "PK", "Pakistan", "ปากีสถาน" },
    { "PL", "Poland", "โปแลนด์" },
    { "PM", "Saint Pierre and Miquelon", "แซงปีแยร์และมีเกอลง" },
    { "PN", "Pitcairn Islands", "หมู่เกาะพิตแคร์น" },
    { "PR", "Puerto Rico", "เปอร์โตริโก" },
    { "PS", "Palestine", "ปาเลสไตน์" },
    { "PT", "Portugal", "โปรตุเกส" },
    { "PW", "Palau", "ปาเลา" },
    { "PY", "Paraguay", "ปารากวัย" },
    { "QA", "Qatar", "กาตาร์" },
    { "RE", "Réunion", "เรอูนียง" },
    { "RO", "Romania", "โรมาเนีย" },
    { "RS", "Serbia", "เซอร์เบีย" },
    { "RU", "Russia", "รัสเซีย" },
    { "RW", "Rwanda", "รวันดา" },
    { "SA", "Saudi Arabia", "ซาอุดีอาระเบีย" },
    { "SB", "Solomon Islands", "หมู่เกาะโซโลมอน" },
    { "SC", "Seychelles", "เซเชลส์" },
    { "SD", "Sudan", "ซูดาน" },
    { "SE", "Sweden", "สวีเดน" },
    { "SG", "Singapore", "สิงคโปร์" },
    { "SH", "Saint Helena, Ascension and Tristan da Cunha", "เซนต์เฮเลนา แอสเซนชัน และตริสตันดาคูนยา" },
    { "SI", "Slovenia", "สโลวีเนีย" },
    { "SJ", "Svalbard and Jan Mayen", "สวาลบาร์และยานไมเอน" },
    { "SK", "Slovakia", "สโลวาเกีย" },
    { "SL", "Sierra Leone", "เซียร์ราลีโอน" },
    { "SM", "San Marino", "ซานมารีโน" },
    { "SN", "Senegal", "เซเนกัล" },
    { "SO", "Somalia", "โซมาเลีย" },
    { "SR", "Suriname", "ซูรินาเม" },
    { "SS", "South Sudan", "ซูดานใต้" },
    { "ST", "Sao Tome and Principe", "เซาตูเมและปรินซิปี" },
    { "SV", "El Salvador", "เอลซัลวาดอร์" },
    { "SX", "Sint Maarten (Dutch part)", "ซินต์มาร์เทิน (ส่วนของเนเธอร์แลนด์)" },
    { "SY", "Syria", "ซีเรีย" },
    { "SZ", "Eswatini", "เอสวาตินี" },
    { "TC", "Turks and Caicos Islands", "หมู่เกาะเติกส์และหมู่เกาะเคคอส" },
    { "TD", "Chad", "ชาด" },
    { "TF", "French Southern Territories", "ดินแดนทางใต้ของฝรั่งเศส" },
    { "TG", "Togo", "โตโก" },
    { "TH", "Thailand", "ไทย" },
    { "TJ", "Tajikistan", "ทาจิกิสถาน" },
    { "TK", "Tokelau", "โตเกเลา" },
    { "TL", "Timor-Leste", "ติมอร์-เลสเต" },
    { "TM", "Turkmenistan", "เติร์กเมนิสถาน" },
    { "TN", "Tunisia", "ตูนิเซีย" },
    { "TO", "Tonga", "ตองกา" },
    { "TR", "Türkiye", "ทูร์เคีย" },
    { "TT", "Trinidad and Tobago", "ตรินิแดดและโตเบโก" },
    { "TV", "Tuvalu", "ตูวาลู" },
    { "TW", "Taiwan", "ไต้หวัน" },
    { "TZ", "Tanzania", "แทนซาเนีย" },
    { "UA", "Ukraine", "ยูเครน" },
    { "UG", "Uganda", "ยูกันดา" },
    { "UM", "United States Minor Outlying Islands", "เกาะเล็กรอบนอกของสหรัฐอเมริกา" },
    { "US", "United States", "สหรัฐอเมริกา" },
    { "UY", "Uruguay", "อุรุกวัย" },
    { "UZ", "Uzbekistan", "อุซเบกิสถาน" },
    { "VA", "Holy See (Vatican City)", "นครรัฐวาติกัน" },
    { "VC", "Saint Vincent and the Grenadines", "เซนต์วินเซนต์และเกรนาดีนส์" },
    { "VE", "Venezuela", "เวเนซุเอลา" },
    { "VG", "British Virgin Islands", "หมู่เกาะบริติชเวอร์จิน" },
    { "VI", "U.S. Virgin Islands", "หมู่เกาะเวอร์จินของสหรัฐอเมริกา" },
    { "VN", "Vietnam", "เวียดนาม" },
    { "VU", "Vanuatu", "วานูอาตู" },
    { "WF", "Wallis and Futuna", "หมู่เกาะวาลลิสและหมู่เกาะฟุตูนา" },
    { "WS", "Samoa", "ซามัว" },
    { "XX", "Stateless", "ไร้สัญชาติ" },
    { "YE", "Yemen", "เยเมน" },
    { "YT", "Mayotte", "มายอต" },
    { "ZA", "South Africa", "แอฟริกาใต้" },
    { "ZM", "Zambia", "แซมเบีย" },
    { "ZW", "Zimbabwe", "ซิมบับเว" },
};

/* Thailand's 76 provinces and Bangkok, ordered by code. */
static const geo_entry provinces[] = {
    { "TH-10", "Bangkok", "กรุงเทพมหานคร" },
    { "TH-11", "Samut Prakan", "สมุทรปราการ" },
    { "TH-12", "Nonthaburi", "นนทบุรี" },
    { "TH-13", "Pathum Thani", "ปทุมธานี" },
    { "TH-14", "Phra Nakhon Si Ayutthaya", "พระนครศรีอยุธยา" },
    { "TH-15", "Ang Thong", "อ่างทอง" },
    { "TH-16", "Lop Buri", "ลพบุรี" },
    { "TH-17", "Sing Buri", "สิงห์บุรี" },
    { "TH-18", "Chai Nat", "ชัยนาท" },
    { "TH-19", "Saraburi", "สระบุรี" },
    { "TH-20", "Chon Buri", "ชลบุรี" },
    { "TH-21", "Rayong", "ระยอง" },
    { "TH-22", "Chanthaburi", "จันทบุรี" },
    { "TH-23", "Trat", "ตราด" },
    { "TH-24", "Chachoengsao", "ฉะเชิงเทรา" },
    { "TH-25", "Prachin Buri", "ปราจีนบุรี" },
    { "TH-26", "Nakhon Nayok", "นครนายก" },
    { "TH-27", "Sa Kaeo", "สระแก้ว" },
    { "TH-30", "Nakhon Ratchasima", "นครราชสีมา" },
    { "TH-31", "Buri Ram", "บุรีรัมย์" },
    { "TH-32", "Surin", "สุรินทร์" },
    { "TH-33", "Si Sa Ket", "ศรีสะเกษ" },
    { "TH-34", "Ubon Ratchathani", "อุบลราชธานี" },
    { "TH-35", "Yasothon", "ยโสธร" },
    { "TH-36", "Chaiyaphum", "ชัยภูมิ" },
    { "TH-37", "Amnat Charoen", "อำนาจเจริญ" },
    { "TH-38", "Bueng Kan", "บึงกาฬ" },
    { "TH-39", "Nong Bua Lam Phu", "หนองบัวลำพู" },
    { "TH-40", "Khon Kaen", "ขอนแก่น" },
    { "TH-41", "Udon Thani", "อุดรธานี" },
    { "TH-42", "Loei", "เลย" },
    { "TH-43", "Nong Khai", "หนองคาย" },
    { "TH-44", "Maha Sarakham", "มหาสารคาม" },
    { "TH-45", "Roi Et", "ร้อยเอ็ด" },
    { "TH-46", "Kalasin", "กาฬสินธุ์" },
    { "TH-47", "Sakon Nakhon", "สกลนคร" },
    { "TH-48", "Nakhon Phanom", "นครพนม" },
    { "TH-49", "Mukdahan", "มุกดาหาร" },
    { "TH-50", "Chiang Mai", "เชียงใหม่" },
    { "TH-51", "Lamphun", "ลำพูน" },
    { "TH-52", "Lampang", "ลำปาง" },
    { "TH-53", "Uttaradit", "อุตรดิตถ์" },
    { "TH-54", "Phrae", "แพร่" },
    { "TH-55", "Nan", "น่าน" },
    { "TH-56", "Phayao", "พะเยา" },
    { "TH-57", "Chiang Rai", "เชียงราย" },
    { "TH-58", "Mae Hong Son", "แม่ฮ่องสอน" },
    { "TH-60", "Nakhon Sawan", "นครสวรรค์" },
    { "TH-61", "Uthai Thani", "อุทัยธานี" },
    { "TH-62", "Kamphaeng Phet", "กำแพงเพชร" },
    { "TH-63", "Tak", "ตาก" },
    { "TH-64", "Sukhothai", "สุโขทัย" },
    { "TH-65", "Phitsanulok", "พิษณุโลก" },
    { "TH-66", "Phichit", "พิจิตร" },
    { "TH-67", "Phetchabun", "เพชรบูรณ์" },
    { "TH-70", "Ratchaburi", "ราชบุรี" },
    { "TH-71", "Kanchanaburi", "กาญจนบุรี" },
    { "TH-72", "Suphan Buri", "สุพรรณบุรี" },
    { "TH-73", "Nakhon Pathom", "นครปฐม" },
    { "TH-74", "Samut Sakhon", "สมุทรสาคร" },
    { "TH-75", "Samut Songkhram", "สมุทรสงคราม" },
    { "TH-76", "Phetchaburi", "เพชรบุรี" },
    { "TH-77", "Prachuap Khiri Khan", "ประจวบคีรีขันธ์" },
    { "TH-80", "Nakhon Si Thammarat", "นครศรีธรรมราช" },
    { "TH-81", "Krabi", "กระบี่" },
    { "TH-82", "Phangnga", "พังงา" },
    { "TH-83", "Phuket", "ภูเก็ต" },
    { "TH-84", "Surat Thani", "สุราษฎร์ธานี" },
    { "TH-85", "Ranong", "ระนอง" },
    { "TH-86", "Chumphon", "ชุมพร" },
    { "TH-90", "Songkhla", "สงขลา" },
    { "TH-91", "Satun", "สตูล" },
    { "TH-92", "Trang", "ตรัง" },
    { "TH-93", "Phatthalung", "พัทลุง" },
    { "TH-94", "Pattani", "ปัตตานี" },
    { "TH-95", "Yala", "ยะลา" },
    { "TH-96", "Narathiwat", "นราธิวาส" },
};

typedef struct geo_alias { const char *text; const char *code; } geo_alias;

/* Other names an officer may type for a country: ISO formal names, older
 * names and common Thai short forms.  Lookup only. */
static const geo_alias country_aliases[] = {
    { "Islamic Republic of Afghanistan", "AF" },
    { "Republic of Angola", "AO" },
    { "Republic of Albania", "AL" },
    { "Principality of Andorra", "AD" },
    { "Argentine Republic", "AR" },
    { "Republic of Armenia", "AM" },
    { "เฟรนช์เซาเทิร์นเทร์ริทอรีส์", "TF" },
    { "Republic of Austria", "AT" },
    { "Republic of Azerbaijan", "AZ" },
    { "Republic of Burundi", "BI" },
    { "Kingdom of Belgium", "BE" },
    { "Republic of Benin", "BJ" },
    { "People's Republic of Bangladesh", "BD" },
    { "Republic of Bulgaria", "BG" },
    { "Kingdom of Bahrain", "BH" },
    { "Commonwealth of the Bahamas", "BS" },
    { "Republic of Bosnia and Herzegovina", "BA" },
    { "Republic of Belarus", "BY" },
    { "Plurinational State of Bolivia", "BO" },
    { "Bolivia, Plurinational State of", "BO" },
    { "Federative Republic of Brazil", "BR" },
    { "Brunei Darussalam", "BN" },
    { "Kingdom of Bhutan", "BT" },
    { "Republic of Botswana", "BW" },
    { "Swiss Confederation", "CH" },
    { "Republic of Chile", "CL" },
    { "People's Republic of China", "CN" },
    { "Republic of Côte d'Ivoire", "CI" },
    { "Republic of Cameroon", "CM" },
    { "Congo, The Democratic Republic of the", "CD" },
    { "Republic of the Congo", "CG" },
    { "Republic of Colombia", "CO" },
    { "Union of the Comoros", "KM" },
    { "Republic of Cabo Verde", "CV" },
    { "Republic of Costa Rica", "CR" },
    { "Republic of Cuba", "CU" },
    { "Republic of Cyprus", "CY" },
    { "Czech Republic", "CZ" },
    { "ประเทศเช็กเกีย", "CZ" },
    { "Federal Republic of Germany", "DE" },
    { "Republic of Djibouti", "DJ" },
    { "Commonwealth of Dominica", "DM" },
    { "Kingdom of Denmark", "DK" },
    { "People's Democratic Republic of Algeria", "DZ" },
    { "Republic of Ecuador", "EC" },
    { "Arab Republic of Egypt", "EG" },
    { "the State of Eritrea", "ER" },
    { "เวสเทิร์นสะฮารา", "EH" },
    { "Kingdom of Spain", "ES" },
    { "Republic of Estonia", "EE" },
    { "Federal Democratic Republic of Ethiopia", "ET" },
    { "Republic of Finland", "FI" },
    { "Republic of Fiji", "FJ" },
    { "Falkland Islands (Malvinas)", "FK" },
    { "หมู่เกาะฟอล์กแลนด์ (มาลบีนาส)", "FK" },
    { "French Republic", "FR" },
    { "Micronesia, Federated States of", "FM" },
    { "Federated States of Micronesia", "FM" },
    { "Gabonese Republic", "GA" },
    { "United Kingdom of Great Britain and Northern Ireland", "GB" },
    { "Republic of Ghana", "GH" },
    { "Republic of Guinea", "GN" },
    { "Republic of the Gambia", "GM" },
    { "Republic of Guinea-Bissau", "GW" },
    { "Republic of Equatorial Guinea", "GQ" },
    { "Hellenic Republic", "GR" },
    { "Republic of Guatemala", "GT" },
    { "Republic of Guyana", "GY" },
    { "Hong Kong Special Administrative Region of China", "HK" },
    { "Republic of Honduras", "HN" },
    { "Republic of Croatia", "HR" },
    { "Republic of Haiti", "HT" },
    { "Republic of Indonesia", "ID" },
    { "Republic of India", "IN" },
    { "บริติชอินเดียนโอเชียนเทร์ริทอรี", "IO" },
    { "Iran, Islamic Republic of", "IR" },
    { "Islamic Republic of Iran", "IR" },
    { "Republic of Iraq", "IQ" },
    { "Republic of Iceland", "IS" },
    { "State of Israel", "IL" },
    { "Italian Republic", "IT" },
    { "Hashemite Kingdom of Jordan", "JO" },
    { "Republic of Kazakhstan", "KZ" },
    { "Republic of Kenya", "KE" },
    { "Kyrgyz Republic", "KG" },
    { "Kingdom of Cambodia", "KH" },
    { "Republic of Kiribati", "KI" },
    { "Korea, Republic of", "KR" },
    { "State of Kuwait", "KW" },
    { "Lao People's Democratic Republic", "LA" },
    { "สาธารณรัฐประชาธิปไตยประชาชนลาว", "LA" },
    { "Lebanese Republic", "LB" },
    { "Republic of Liberia", "LR" },
    { "Principality of Liechtenstein", "LI" },
    { "Democratic Socialist Republic of Sri Lanka", "LK" },
    { "Kingdom of Lesotho", "LS" },
    { "Republic of Lithuania", "LT" },
    { "Grand Duchy of Luxembourg", "LU" },
    { "Republic of Latvia", "LV" },
    { "Macao Special Administrative Region of China", "MO" },
    { "Kingdom of Morocco", "MA" },
    { "Principality of Monaco", "MC" },
    { "Republic of Moldova", "MD" },
    { "Moldova, Republic of", "MD" },
    { "Republic of Madagascar", "MG" },
    { "Republic of Maldives", "MV" },
    { "United Mexican States", "MX" },
    { "Republic of the Marshall Islands", "MH" },
    { "Republic of North Macedonia", "MK" },
    { "Republic of Mali", "ML" },
    { "Republic of Malta", "MT" },
    { "Republic of Myanmar", "MM" },
    { "พม่า", "MM" },
    { "Commonwealth of the Northern Mariana Islands", "MP" },
    { "Republic of Mozambique", "MZ" },
    { "Islamic Republic of Mauritania", "MR" },
    { "Republic of Mauritius", "MU" },
    { "Republic of Malawi", "MW" },
    { "Republic of Namibia", "NA" },
    { "Republic of the Niger", "NE" },
    { "Federal Republic of Nigeria", "NG" },
    { "Republic of Nicaragua", "NI" },
    { "Kingdom of the Netherlands", "NL" },
    { "Kingdom of Norway", "NO" },
    { "Federal Democratic Republic of Nepal", "NP" },
    { "Republic of Nauru", "NR" },
    { "Sultanate of Oman", "OM" },
    { "Islamic Republic of Pakistan", "PK" },
    { "Republic of Panama", "PA" },
    { "Pitcairn", "PN" },
    { "พิตแคร์น", "PN" },
    { "Republic of Peru", "PE" },
    { "Republic of the Philippines", "PH" },
    { "Republic of Palau", "PW" },
    { "Independent State of Papua New Guinea", "PG" },
    { "Republic of Poland", "PL" },
    { "Korea, Democratic People's Republic of", "KP" },
    { "Democratic People's Republic of Korea", "KP" },
    { "Portuguese Republic", "PT" },
    { "Republic of Paraguay", "PY" },
    { "the State of Palestine", "PS" },
    { "Palestine, State of", "PS" },
    { "State of Qatar", "QA" },
    { "Russian Federation", "RU" },
    { "สหพันธรัฐรัสเซีย", "RU" },
    { "Rwandese Republic", "RW" },
    { "Kingdom of Saudi Arabia", "SA" },
    { "Republic of the Sudan", "SD" },
    { "Republic of Senegal", "SN" },
    { "Republic of Singapore", "SG" },
    { "สฟาลบาร์ และ ยานไมเอน", "SJ" },
    { "Republic of Sierra Leone", "SL" },
    { "Republic of El Salvador", "SV" },
    { "Republic of San Marino", "SM" },
    { "Federal Republic of Somalia", "SO" },
    { "Republic of Serbia", "RS" },
    { "Republic of South Sudan", "SS" },
    { "Democratic Republic of Sao Tome and Principe", "ST" },
    { "Republic of Suriname", "SR" },
    { "Slovak Republic", "SK" },
    { "สโลวะเกีย", "SK" },
    { "Republic of Slovenia", "SI" },
    { "Kingdom of Sweden", "SE" },
    { "Kingdom of Eswatini", "SZ" },
    { "เซนต์มาร์ติน (ส่วนของดัตช์)", "SX" },
    { "Republic of Seychelles", "SC" },
    { "Syrian Arab Republic", "SY" },
    { "สาธารณรัฐอาหรับซีเรีย", "SY" },
    { "Republic of Chad", "TD" },
    { "Togolese Republic", "TG" },
    { "Kingdom of Thailand", "TH" },
    { "Republic of Tajikistan", "TJ" },
    { "Democratic Republic of Timor-Leste", "TL" },
    { "Kingdom of Tonga", "TO" },
    { "Republic of Trinidad and Tobago", "TT" },
    { "Republic of Tunisia", "TN" },
    { "Republic of Türkiye", "TR" },
    { "Taiwan, Province of China", "TW" },
    { "Tanzania, United Republic of", "TZ" },
    { "United Republic of Tanzania", "TZ" },
    { "Republic of Uganda", "UG" },
    { "Eastern Republic of Uruguay", "UY" },
    { "United States of America", "US" },
    { "สหรัฐ", "US" },
    { "Republic of Uzbekistan", "UZ" },
    { "Holy See (Vatican City State)", "VA" },
    { "Venezuela, Bolivarian Republic of", "VE" },
    { "Bolivarian Republic of Venezuela", "VE" },
    { "Virgin Islands, British", "VG" },
    { "Virgin Islands, U.S.", "VI" },
    { "Virgin Islands of the United States", "VI" },
    { "Viet Nam", "VN" },
    { "Socialist Republic of Viet Nam", "VN" },
    { "Republic of Vanuatu", "VU" },
    { "Independent State of Samoa", "WS" },
    { "Republic of Yemen", "YE" },
    { "Republic of South Africa", "ZA" },
    { "Republic of Zambia", "ZM" },
    { "Republic of Zimbabwe", "ZW" },
    { "Burma", "MM" },
    { "สาธารณรัฐแห่งสหภาพเมียนมา", "MM" },
    { "Lao PDR", "LA" },
    { "สปป.ลาว", "LA" },
    { "สปป. ลาว", "LA" },
    { "Turkey", "TR" },
    { "ตุรกี", "TR" },
    { "สาธารณรัฐเช็ก", "CZ" },
    { "Swaziland", "SZ" },
    { "สวาซิแลนด์", "SZ" },
    { "Macedonia", "MK" },
    { "USA", "US" },
    { "อเมริกา", "US" },
    { "UK", "GB" },
    { "Great Britain", "GB" },
    { "อังกฤษ", "GB" },
    { "East Timor", "TL" },
    { "Ivory Coast", "CI" },
    { "Cote d'Ivoire", "CI" },
    { "Cape Verde", "CV" },
    { "บรูไน", "BN" },
    { "Aland Islands", "AX" },
    { "Curacao", "CW" },
    { "Reunion", "RE" },
    { "Saint Barthelemy", "BL" },
    { "Turkiye", "TR" },
    { "Vatican", "VA" },
    { "Vatican City", "VA" },
    { "DR Congo", "CD" },
    { "Stateless person", "XX" },
    { "บุคคลไร้สัญชาติ", "XX" },
    { "ไม่มีสัญชาติ", "XX" },
    { "Republic of Korea", "KR" },
    { "Korea, South", "KR" },
    { "ประเทศไทย", "TH" },
};

static const geo_alias province_aliases[] = {
    { "Krung Thep Maha Nakhon", "TH-10" },
    { "Krung Thep", "TH-10" },
    { "กรุงเทพฯ", "TH-10" },
    { "กรุงเทพ", "TH-10" },
    { "กทม.", "TH-10" },
    { "Ayutthaya", "TH-14" },
    { "อยุธยา", "TH-14" },
    { "Lopburi", "TH-16" },
    { "Singburi", "TH-17" },
    { "Chainat", "TH-18" },
    { "Chonburi", "TH-20" },
    { "Prachinburi", "TH-25" },
    { "Sa Kaew", "TH-27" },
    { "Korat", "TH-30" },
    { "โคราช", "TH-30" },
    { "Buriram", "TH-31" },
    { "Sisaket", "TH-33" },
    { "Suphanburi", "TH-72" },
    { "Phang Nga", "TH-82" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Longest code either table holds ("TH-10"), plus NUL. */
#define CODE_BUF 6

const geo_entry *geo_countries(size_t *count)
{
    if (count)
        *count = COUNT(countries);
    return countries;
}

const geo_entry *geo_provinces(size_t *count)
{
    if (count)
        *count = COUNT(provinces);
    return provinces;
}

static char ascii_upper(char ch)
{
    return (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
}

static int compare_code(const void *key, const void *element)
{
    return strcmp((const char *)key, ((const geo_entry *)element)->code);
}

/* Codes are stored in upper case; an officer may type them in either. */
static const geo_entry *find_code(const geo_entry *table, size_t n, const char *code)
{
    char key[CODE_BUF];
    size_t len = 0;
    if (!code)
        return NULL;
    for (; code[len]; len++) {
        if (len + 1 >= sizeof key)
            return NULL;
        key[len] = ascii_upper(code[len]);
    }
    key[len] = '\0';
    return bsearch(key, table, n, sizeof *table, compare_code);
}

const geo_entry *geo_country(const char *code)
{
    return find_code(countries, COUNT(countries), code);
}

const geo_entry *geo_province(const char *code)
{
    return find_code(provinces, COUNT(provinces), code);
}

/* The typed text without surrounding spaces, as a pointer and a length. */
typedef struct span { const char *start; size_t len; } span;

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

static span trim_span(span s)
{
    while (s.len > 0 && is_blank(*s.start)) {
        s.start++;
        s.len--;
    }
    while (s.len > 0 && is_blank(s.start[s.len - 1]))
        s.len--;
    return s;
}

static span trimmed(const char *text)
{
    span s = { text, strlen(text) };
    return trim_span(s);
}

/* Equal ignoring ASCII case; Thai and other bytes must match exactly. */
static bool same_text(span typed, const char *name)
{
    if (strlen(name) != typed.len)
        return false;
    for (size_t i = 0; i < typed.len; i++)
        if (ascii_upper(typed.start[i]) != ascii_upper(name[i]))
            return false;
    return true;
}

static bool strip_prefix(span *s, const char *prefix)
{
    size_t n = strlen(prefix);
    if (s->len <= n || memcmp(s->start, prefix, n) != 0)
        return false;
    s->start += n;
    s->len -= n;
    return true;
}

static const geo_entry *find_name(const geo_entry *table, size_t n, span typed)
{
    for (size_t i = 0; i < n; i++)
        if (same_text(typed, table[i].code) || same_text(typed, table[i].name_en)
            || same_text(typed, table[i].name_th))
            return &table[i];
    return NULL;
}

static const geo_entry *find_alias(const geo_alias *aliases, size_t n_aliases,
                                   const geo_entry *table, size_t n, span typed)
{
    for (size_t i = 0; i < n_aliases; i++)
        if (same_text(typed, aliases[i].text))
            return find_code(table, n, aliases[i].code);
    return NULL;
}

static const geo_entry *lookup(const geo_entry *table, size_t n, const geo_alias *aliases,
                               size_t n_aliases, span typed)
{
    if (typed.len == 0)
        return NULL;
    const geo_entry *e = find_name(table, n, typed);
    return e ? e : find_alias(aliases, n_aliases, table, n, typed);
}

const geo_entry *geo_country_lookup(const char *text)
{
    if (!text)
        return NULL;
    span typed = trimmed(text);
    const geo_entry *e = lookup(countries, COUNT(countries), country_aliases,
                                COUNT(country_aliases), typed);
    /* "ประเทศ" ("country") is often written before a Thai country name. */
    if (!e && strip_prefix(&typed, "ประเทศ"))
        e = lookup(countries, COUNT(countries), country_aliases,
                   COUNT(country_aliases), trim_span(typed));
    return e;
}

const geo_entry *geo_province_lookup(const char *text)
{
    if (!text)
        return NULL;
    span typed = trimmed(text);
    const geo_entry *e = lookup(provinces, COUNT(provinces), province_aliases,
                                COUNT(province_aliases), typed);
    /* "จังหวัด" / "จ." ("province") often comes before a province's name. */
    if (!e && (strip_prefix(&typed, "จังหวัด") || strip_prefix(&typed, "จ.")))
        e = lookup(provinces, COUNT(provinces), province_aliases,
                   COUNT(province_aliases), trim_span(typed));
    return e;
}
