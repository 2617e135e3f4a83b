/* demo_names.c - the pools of names, routes and workplaces of a demo store.
 * Data only, plus a seeded generator; see demo_names.h. */
#include "demo_names.h"
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ seed */

void demo_rng_seed(demo_rng *r, uint64_t seed)
{
    r->state = seed;
}

uint64_t demo_rng_next(demo_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

unsigned demo_rng_below(demo_rng *r, unsigned n)
{
    return n ? (unsigned)(demo_rng_next(r) % n) : 0;
}

bool demo_rng_percent(demo_rng *r, unsigned percent)
{
    return demo_rng_below(r, 100) < percent;
}

/* ------------------------------------------------------------------ Thai */

static const demo_name_part thai_female[] = {
    { "สมหญิง", "Somying" }, { "มะลิ", "Mali" }, { "วันดี", "Wandee" }, { "สุดา", "Suda" },
    { "นภา", "Napha" }, { "ปราณี", "Pranee" }, { "กาญจนา", "Kanchana" },
    { "อรทัย", "Orathai" }, { "พรทิพย์", "Phonthip" }, { "จันทร์เพ็ญ", "Chanphen" },
    { "สายสุนีย์", "Saisunee" }, { "รัตนา", "Rattana" }, { "ศิริพร", "Siriphon" },
    { "บุษบา", "Butsaba" }, { "ดวงใจ", "Duangjai" }, { "อำไพ", "Amphai" },
    { "เยาวลักษณ์", "Yaowalak" }, { "สุภาพร", "Suphaphon" },
};
static const demo_name_part thai_male[] = {
    { "สมชาย", "Somchai" }, { "ประเสริฐ", "Prasoet" }, { "บุญมี", "Bunmi" }, { "อรุณ", "Arun" },
    { "สมศักดิ์", "Somsak" }, { "วิชัย", "Wichai" }, { "ชัยวัฒน์", "Chaiwat" },
    { "สุรชัย", "Surachai" }, { "ธนากร", "Thanakon" }, { "ณัฐพล", "Natthaphon" },
    { "อนุชา", "Anucha" }, { "พิชิต", "Phichit" }, { "สมบัติ", "Sombat" }, { "มานพ", "Manop" },
    { "เกรียงไกร", "Kriangkrai" }, { "ทองใบ", "Thongbai" }, { "บุญเลิศ", "Bunloet" },
};
static const demo_name_part thai_family[] = {
    { "ใจดี", "Jaidee" }, { "ศรีสุข", "Srisuk" }, { "บุญเรือง", "Bunruang" },
    { "แก้วมณี", "Kaewmanee" }, { "ทองดี", "Thongdee" }, { "พรหมมา", "Phromma" },
    { "สุขสวัสดิ์", "Suksawat" }, { "วงศ์ใหญ่", "Wongyai" }, { "แสงทอง", "Saengthong" },
    { "จันทร์หอม", "Janhom" }, { "ศรีวงศ์", "Sriwong" }, { "บุญมา", "Bunma" },
    { "คำแก้ว", "Khamkaew" }, { "ปัญญาดี", "Panyadee" }, { "มีสุข", "Meesuk" },
    { "อินทร์แก้ว", "Inkaew" }, { "ทองคำ", "Thongkham" }, { "รักษาศรี", "Raksasri" },
    { "สายบุญ", "Saibun" }, { "พึ่งทอง", "Phuengthong" }, { "ชัยมงคล", "Chaimongkhon" },
    { "นาคสุข", "Naksuk" }, { "เพชรรัตน์", "Phetcharat" }, { "กิตติวงศ์", "Kittiwong" },
    { "ศรีสมบูรณ์", "Srisombun" }, { "แก้วประเสริฐ", "Kaewprasoet" }, { "บัวแก้ว", "Buakaew" },
    { "ดวงดี", "Duangdee" }, { "หอมจันทร์", "Homchan" }, { "สมบูรณ์ชัย", "Sombunchai" },
};

/* --------------------------------------------------------------- Burmese */

/* Name parts: a name is two or three of them (doubled parts, as in
 * "Htun Htun", are common). */
static const demo_name_part burmese_female[] = {
    { "အေး", "Aye" }, { "ခင်", "Khin" }, { "မြင့်", "Myint" }, { "စု", "Su" },
    { "မေ", "May" }, { "နီလာ", "Nilar" }, { "စန္ဒာ", "Sandar" }, { "သက်", "Thet" },
    { "ယဉ်", "Yin" }, { "ဖြူ", "Phyu" }, { "ချို", "Cho" }, { "မိုး", "Moe" },
    { "နှင်း", "Hnin" }, { "အိ", "Ei" }, { "ခိုင်", "Khaing" }, { "ဝင်း", "Win" },
    { "မာ", "Mar" }, { "မြတ်", "Myat" }, { "လှိုင်", "Hlaing" }, { "နွယ်", "Nwe" },
    { "သူ", "Thu" }, { "ဖြိုး", "Phyo" }, { "ဇင်", "Zin" }, { "မွန်", "Mon" },
    { "သီတာ", "Thida" }, { "ဆွေ", "Swe" }, { "ပပ", "Pa Pa" }, { "ဝါ", "Wah" },
    { "ကြည်", "Kyi" }, { "ရီ", "Yi" },
};
static const demo_name_part burmese_male[] = {
    { "အောင်", "Aung" }, { "ကျော်", "Kyaw" }, { "မင်း", "Min" }, { "ဇော်", "Zaw" },
    { "စိုး", "Soe" }, { "ဝင်း", "Win" }, { "ထက်", "Htet" }, { "မျိုး", "Myo" },
    { "နိုင်", "Naing" }, { "သန့်", "Thant" }, { "ဟိန်း", "Hein" }, { "ရဲ", "Ye" },
    { "ထွန်း", "Htun" }, { "ဦး", "Oo" }, { "လင်း", "Lin" }, { "ကို", "Ko" },
    { "လှ", "Hla" }, { "မောင်", "Maung" }, { "စွာ", "Swar" }, { "ဝေ", "Wai" },
    { "ယံ", "Yan" }, { "ဖိုး", "Pho" }, { "သား", "Thar" }, { "ညီ", "Nyi" },
    { "ဇင်", "Zin" }, { "ဘို", "Bo" }, { "သိန်း", "Thein" }, { "တင်", "Tin" },
    { "ခန့်", "Khant" }, { "ပိုင်", "Paing" },
};

/* ----------------------------------------------------------------- Khmer */

static const demo_name_part khmer_female[] = {
    { "សុភាព", "Sopheap" }, { "ដារ៉ា", "Dara" }, { "ស្រីមុំ", "Sreymom" },
    { "ចន្ធូ", "Chanthou" }, { "ស្រីនាង", "Sreyneang" }, { "ធីតា", "Thida" },
    { "សុខា", "Sokha" }, { "រតនា", "Rathana" }, { "បុប្ផា", "Bopha" }, { "ស្រីពៅ", "Sreypov" },
    { "សុគន្ធា", "Sokunthea" }, { "ពិសី", "Pisey" }, { "លក្ខិណា", "Leakhena" },
    { "មុន្នី", "Monny" }, { "ចាន់ណា", "Channa" }, { "សុភា", "Sophea" },
};
static const demo_name_part khmer_male[] = {
    { "ដារ៉ា", "Dara" }, { "សុផល", "Sophal" }, { "វិចិត្រ", "Vichet" }, { "សំណាង", "Samnang" },
    { "វណ្ណា", "Vanna" }, { "សុវណ្ណ", "Sovann" }, { "ពិសិដ្ឋ", "Piseth" }, { "រិទ្ធី", "Rithy" },
    { "សុភ័ក្ត្រ", "Sopheak" }, { "បូរ៉ា", "Bora" }, { "ចាន់ថា", "Chantha" },
    { "សារ៉ាត", "Sarath" }, { "វិសាល", "Visal" }, { "មករា", "Makara" },
    { "សុខុម", "Sokhom" }, { "ពៅ", "Pov" },
};
static const demo_name_part khmer_family[] = {
    { "សុខ", "Sok" }, { "ចាន់", "Chan" }, { "គឹម", "Kim" }, { "ហេង", "Heng" }, { "លី", "Ly" },
    { "ម៉ៅ", "Mao" }, { "ស៊ុន", "Sun" }, { "ទេព", "Tep" }, { "ឈឹម", "Chhim" }, { "ពេជ្រ", "Pech" },
    { "សៅ", "Sao" }, { "ជា", "Chea" }, { "អ៊ុក", "Ouk" }, { "ខៀវ", "Khiev" }, { "ប៊ុន", "Bun" },
    { "យឹម", "Yim" }, { "ឡុង", "Long" }, { "វង់", "Vong" }, { "ស៊ិន", "Sin" }, { "ញឹម", "Nhim" },
};

/* ------------------------------------------------------------------- Lao */

static const demo_name_part lao_female[] = {
    { "ສົມພອນ", "Somphone" }, { "ບົວພັນ", "Bouaphanh" }, { "ນາລີ", "Naly" },
    { "ຄຳລາ", "Khamla" }, { "ມະນີວັນ", "Manivanh" }, { "ພອນສະຫວັນ", "Phonesavanh" },
    { "ແສງເດືອນ", "Sengdeuane" }, { "ວັນດີ", "Vandy" }, { "ຈັນທະລາ", "Chanthala" },
    { "ສີດາ", "Sida" }, { "ອຳພອນ", "Amphone" }, { "ນ້ອຍ", "Noy" }, { "ດາວວອນ", "Daovone" },
    { "ບຸນຍັງ", "Bounyang" }, { "ເພັດສະໝອນ", "Phetsamone" },
};
static const demo_name_part lao_male[] = {
    { "ສົມສັກ", "Somsack" }, { "ບຸນມີ", "Bounmy" }, { "ຄຳພອນ", "Khamphone" }, { "ວິໄລ", "Vilay" },
    { "ສີສະຫວາດ", "Sisavath" }, { "ພູວົງ", "Phouvong" }, { "ທອງສະຫວັນ", "Thongsavanh" },
    { "ບຸນເຫຼືອ", "Bounleua" }, { "ສຸລິຍາ", "Souliya" }, { "ແກ້ວ", "Keo" }, { "ຄຳສີ", "Khamsy" },
    { "ວັນໄຊ", "Vanxay" }, { "ອານຸສອນ", "Anousone" }, { "ສົມບັດ", "Sombath" },
    { "ໄຊສົມບູນ", "Xaysomboun" },
};
static const demo_name_part lao_family[] = {
    { "ພົມມະຈັນ", "Phommachanh" }, { "ສີຫາລາດ", "Sihalath" }, { "ແກ້ວມະນີ", "Keomany" },
    { "ວົງສາ", "Vongsa" }, { "ຈັນທະວົງ", "Chanthavong" }, { "ພົມມະວົງ", "Phommavong" },
    { "ສຸວັນນະວົງ", "Souvannavong" }, { "ອິນທະວົງ", "Inthavong" }, { "ໄຊຍະສອນ", "Xayasone" },
    { "ລາດຊະວົງ", "Latsavong" }, { "ສີສຸວັນ", "Sisouvanh" }, { "ດວງມະນີ", "Douangmany" },
    { "ພັນທະວົງ", "Phanthavong" }, { "ແສງສຸລິຍາ", "Sengsouliya" }, { "ຄຳມະນີ", "Khammany" },
    { "ບຸດດາລາ", "Boutdala" },
};

/* ------------------------------------------------------------ Vietnamese */

/* Given names with the middle name: Thị for most women, Văn for many men. */
static const demo_name_part viet_female[] = {
    { "Thị Lan", "Thi Lan" }, { "Thị Hoa", "Thi Hoa" }, { "Thị Hương", "Thi Huong" },
    { "Thị Mai", "Thi Mai" }, { "Thị Thu Hà", "Thi Thu Ha" }, { "Thị Ngọc Anh", "Thi Ngoc Anh" },
    { "Thị Hằng", "Thi Hang" }, { "Thị Nga", "Thi Nga" }, { "Thị Linh", "Thi Linh" },
    { "Thị Thảo", "Thi Thao" }, { "Thị Trang", "Thi Trang" }, { "Thị Yến", "Thi Yen" },
    { "Thị Hồng", "Thi Hong" }, { "Ngọc Ánh", "Ngoc Anh" }, { "Thùy Trang", "Thuy Trang" },
    { "Minh Thư", "Minh Thu" },
};
static const demo_name_part viet_male[] = {
    { "Văn Hùng", "Van Hung" }, { "Văn Nam", "Van Nam" }, { "Văn Dũng", "Van Dung" },
    { "Văn Tuấn", "Van Tuan" }, { "Văn Minh", "Van Minh" }, { "Văn Hải", "Van Hai" },
    { "Văn Long", "Van Long" }, { "Văn Thắng", "Van Thang" }, { "Minh Đức", "Minh Duc" },
    { "Quốc Bảo", "Quoc Bao" }, { "Đức Anh", "Duc Anh" }, { "Văn Phúc", "Van Phuc" },
    { "Hoàng Long", "Hoang Long" }, { "Thanh Tùng", "Thanh Tung" }, { "Văn Cường", "Van Cuong" },
    { "Văn Sơn", "Van Son" },
};
static const demo_name_part viet_family[] = {
    { "Nguyễn", "Nguyen" }, { "Trần", "Tran" }, { "Lê", "Le" }, { "Phạm", "Pham" },
    { "Hoàng", "Hoang" }, { "Huỳnh", "Huynh" }, { "Trương", "Truong" }, { "Vũ", "Vu" },
    { "Võ", "Vo" }, { "Đặng", "Dang" }, { "Bùi", "Bui" }, { "Đỗ", "Do" }, { "Hồ", "Ho" },
    { "Ngô", "Ngo" }, { "Dương", "Duong" }, { "Lý", "Ly" },
};

/* ------------------------------------------------------------- the pools */

typedef struct pool { const demo_name_part *parts; size_t n; } pool;
#define POOL(a) { a, COUNT(a) }

static const pool given_female[DEMO_SCRIPT_COUNT] = {
    POOL(thai_female), POOL(burmese_female), POOL(khmer_female), POOL(lao_female),
    POOL(viet_female),
};
static const pool given_male[DEMO_SCRIPT_COUNT] = {
    POOL(thai_male), POOL(burmese_male), POOL(khmer_male), POOL(lao_male), POOL(viet_male),
};
static const pool family[DEMO_SCRIPT_COUNT] = {
    POOL(thai_family), { NULL, 0 }, POOL(khmer_family), POOL(lao_family), POOL(viet_family),
};

static pool pool_of(const pool *table, demo_script sc)
{
    return (unsigned)sc < DEMO_SCRIPT_COUNT ? table[sc] : (pool){ NULL, 0 };
}

const demo_name_part *demo_given_names(demo_script sc, tc_sex sex, size_t *count)
{
    pool p = pool_of(sex == SEX_MALE ? given_male : given_female, sc);
    *count = p.n;
    return p.parts;
}

const demo_name_part *demo_family_names(demo_script sc, size_t *count)
{
    pool p = pool_of(family, sc);
    *count = p.n;
    return p.parts;
}

/* Appends part to both forms: native joined with `sep` (Burmese writes
 * its parts together), Latin always with a space. */
static void append_part(demo_name *out, const demo_name_part *part, const char *sep)
{
    size_t nl = strlen(out->native), ll = strlen(out->latin);
    snprintf(out->native + nl, sizeof out->native - nl, "%s%s", nl ? sep : "", part->native);
    snprintf(out->latin + ll, sizeof out->latin - ll, "%s%s", ll ? " " : "", part->latin);
}

void demo_name_compose(demo_script sc, tc_sex sex, uint64_t pick, demo_name *out)
{
    memset(out, 0, sizeof *out);
    if ((unsigned)sc >= DEMO_SCRIPT_COUNT)
        sc = DEMO_THAI;
    out->script = sc;
    out->sex = sex == SEX_MALE ? SEX_MALE : SEX_FEMALE;
    size_t ng = 0, nf = 0;
    const demo_name_part *g = demo_given_names(sc, out->sex, &ng);
    const demo_name_part *f = demo_family_names(sc, &nf);
    /* Spread consecutive picks: the given name moves fastest, the family
     * name by a stride prime to the pool sizes. */
    size_t gi = (size_t)(pick % ng), rest = (size_t)(pick / ng);
    if (sc == DEMO_BURMESE) {
        append_part(out, &g[gi], "");
        append_part(out, &g[(gi + 1 + rest % (ng - 1)) % ng], "");
        if (rest % 3 == 1)
            append_part(out, &g[(rest / 3 + 7 * gi) % ng], "");
        return;
    }
    const demo_name_part *fam = &f[(size_t)((pick * 7 + rest) % nf)];
    bool family_first = sc == DEMO_KHMER || sc == DEMO_VIETNAMESE;
    if (family_first)
        append_part(out, fam, " ");
    append_part(out, &g[gi], " ");
    if (!family_first)
        append_part(out, fam, " ");
}

/* ---------------------------------------------------------------- routes */

static const demo_route routes[] = {
    { "MM", "", "TH", CROSSING_CHECKPOINT, "แม่สอด - เมียวดี (Mae Sot - Myawaddy)", "TH-63",
      "อำเภอแม่สอด", "mae_sot", DEMO_BURMESE, "my,th" },
    { "MM", "", "TH", CROSSING_NATURAL_CHANNEL, "ช่องทางธรรมชาติ อำเภอแม่สอด", "TH-74",
      "อำเภอเมืองสมุทรสาคร", "mae_sot", DEMO_BURMESE, "my" },
    { "MM", "", "TH", CROSSING_CHECKPOINT, "ระนอง - เกาะสอง (Ranong - Kawthaung)", "TH-85",
      "อำเภอเมืองระนอง", "ranong", DEMO_BURMESE, "my" },
    { "MM", "", "TH", CROSSING_CHECKPOINT, "ระนอง - เกาะสอง (Ranong - Kawthaung)", "TH-90",
      "อำเภอเมืองสงขลา", "ranong", DEMO_BURMESE, "my,th" },
    { "MM", "", "TH", CROSSING_NATURAL_CHANNEL, "ช่องทางธรรมชาติ อำเภอแม่สาย", "TH-57",
      "อำเภอแม่สาย", "mae_sot", DEMO_BURMESE, "my" },
    { "KH", "", "TH", CROSSING_CHECKPOINT, "อรัญประเทศ - ปอยเปต (Aranyaprathet - Poipet)",
      "TH-27", "อำเภออรัญประเทศ", "aranyaprathet", DEMO_KHMER, "km" },
    { "KH", "", "TH", CROSSING_CHECKPOINT, "อรัญประเทศ - ปอยเปต (Aranyaprathet - Poipet)",
      "TH-20", "อำเภอศรีราชา", "aranyaprathet", DEMO_KHMER, "km,th" },
    { "KH", "", "TH", CROSSING_NATURAL_CHANNEL, "ช่องทางธรรมชาติ จังหวัดสระแก้ว", "TH-10",
      "เขตบางกะปิ", "aranyaprathet", DEMO_KHMER, "km" },
    { "LA", "", "TH", CROSSING_CHECKPOINT, "หนองคาย - เวียงจันทน์ (Nong Khai - Vientiane)",
      "TH-43", "อำเภอเมืองหนองคาย", "nong_khai", DEMO_LAO, "lo,th" },
    { "LA", "", "TH", CROSSING_CHECKPOINT, "มุกดาหาร - สะหวันนะเขต (Mukdahan - Savannakhet)",
      "TH-10", "เขตห้วยขวาง", "mukdahan", DEMO_LAO, "lo" },
    { "LA", "", "TH", CROSSING_CHECKPOINT, "หนองคาย - เวียงจันทน์ (Nong Khai - Vientiane)",
      "TH-50", "อำเภอเมืองเชียงใหม่", "nong_khai", DEMO_LAO, "lo,th" },
    { "VN", "LA", "TH", CROSSING_CHECKPOINT, "มุกดาหาร - สะหวันนะเขต (Mukdahan - Savannakhet)",
      "TH-10", "เขตบางรัก", "mukdahan", DEMO_VIETNAMESE, "vi" },
    { "VN", "KH", "TH", CROSSING_CHECKPOINT, "อรัญประเทศ - ปอยเปต (Aranyaprathet - Poipet)",
      "TH-83", "อำเภอกะทู้", "suvarnabhumi", DEMO_VIETNAMESE, "vi" },
    { "TH", "", "TH", CROSSING_NOT_CROSSED, "", "TH-10", "เขตราชเทวี", "", DEMO_THAI, "th" },
    { "TH", "", "TH", CROSSING_NOT_CROSSED, "", "TH-57", "อำเภอเชียงแสน", "", DEMO_THAI, "th" },
    { "TH", "", "TH", CROSSING_NOT_CROSSED, "", "TH-34", "อำเภอเมืองอุบลราชธานี", "",
      DEMO_THAI, "th" },
    { "TH", "", "MM", CROSSING_NATURAL_CHANNEL, "แม่สอด - เมียวดี (Mae Sot - Myawaddy)",
      "TH-40", "อำเภอเมืองขอนแก่น", "mae_sot", DEMO_THAI, "th" },
    { "TH", "", "KH", CROSSING_CHECKPOINT, "อรัญประเทศ - ปอยเปต (Aranyaprathet - Poipet)",
      "TH-30", "อำเภอเมืองนครราชสีมา", "aranyaprathet", DEMO_THAI, "th" },
};

const demo_route *demo_routes(size_t *count)
{
    *count = COUNT(routes);
    return routes;
}

/* --------------------------------------------------------------- sectors */

static const demo_sector sectors[] = {
    { "fishing", "forced_labour,debt_bondage", "broker,friend", "labour_inspection",
      "เรือประมงพาณิชย์ ส.ทองทะเล", 5, false },
    { "seafood_processing", "forced_labour,debt_bondage", "broker,relative,agency",
      "labour_inspection", "โรงงานแปรรูปอาหารทะเลสมุทรชัย", 60, false },
    { "agriculture", "forced_labour", "broker,relative,friend", "labour_inspection",
      "ไร่อ้อยบ้านหนองบัว", 40, false },
    { "construction", "forced_labour", "broker,friend,facebook", "labour_inspection",
      "แคมป์คนงานก่อสร้างโครงการริมน้ำ", 30, false },
    { "domestic_work", "forced_labour,slavery", "relative,agency,facebook", "hotline_1300",
      "บ้านพักส่วนบุคคล", 90, false },
    { "manufacturing", "forced_labour,debt_bondage", "agency,broker", "labour_inspection",
      "โรงงานเย็บผ้าในนิคมอุตสาหกรรม", 55, false },
    { "entertainment", "sexual_exploitation,debt_bondage", "facebook,line,friend,broker",
      "police_operation", "ร้านคาราโอเกะริมทาง", 90, false },
    { "begging", "forced_begging", "relative,broker", "police_operation",
      "ย่านการค้าใจกลางเมือง", 50, false },
    { "online_scam", "forced_criminality,forced_labour", "facebook,telegram,tiktok,line",
      "border_checkpoint", "อาคารคอลเซ็นเตอร์ริมแม่น้ำเมย", 35, true },
    { "online_gambling", "online_gambling,forced_labour", "telegram,facebook,wechat",
      "border_checkpoint", "อาคารบ่อนออนไลน์ชายแดน", 40, true },
};

const demo_sector *demo_sectors(size_t *count)
{
    *count = COUNT(sectors);
    return sectors;
}

static const char *const entry_codes[] = {
    "labour_inspection", "border_checkpoint", "shelter", "hotline_1300", "police_operation",
    "ngo", "embassy", "self_referral",
};

const char *const *demo_entry_points(size_t *count)
{
    *count = COUNT(entry_codes);
    return entry_codes;
}
