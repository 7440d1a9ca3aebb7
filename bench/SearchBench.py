"""案件查询 benchmark client (bench/search.sh): runs each common search through GET /api/cases (the
service's own SQL, with the caller's visibility), SAMPLES times with varying values after a warm-up, and
prints p50/p95 of the answer time as a Markdown table. Not a test: it measures, it does not judge."""
import base64, json, random, statistics, sys, time, urllib.parse, urllib.request

BASE, PASSWORD, SAMPLES = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(13)
SURNAMES = '王李张刘陈杨黄赵吴周'
WORDS = ['拖欠工资', '征地补偿', '物业纠纷', '房屋拆迁', '医疗纠纷', '社保缴纳', '噪音扰民', '违章建筑', '低保申请', '供暖不足']


def case(n):
    return f'XF-{2023 + n // 100000}-{n % 100000:06d}'


def phone(n):
    return '1' + str(3 + n % 7) + f'{n * 7919 % 1000000000:09d}'


def id_number(n):
    return '3301' + f'{19500101 + n % 400000:08d}' + f'{n % 100000:05d}' + 'X'


def day(offset_days):
    return time.strftime('%Y-%m-%d', time.localtime(time.time() - offset_days * 86400))


def search_once(user, params):
    query = urllib.parse.urlencode(params)
    req = urllib.request.Request(f'{BASE}/api/cases?{query}', headers={
        'Accept': 'application/json',
        'Authorization': 'Basic ' + base64.b64encode(f'{user}:{PASSWORD}'.encode()).decode()})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        body = json.loads(r.read())
    return (time.perf_counter() - t0) * 1000, body.get('total', body.get('totalItems'))


def start(offset):
    return {'from': day(offset + 30), 'to': day(offset)}


SEARCHES = [
    ('by number (exact)', 'office1', lambda: {'number': case(rnd.randint(1, 199999))}),
    ('by petitioner name (beginning: surname + given name)', 'office1',
     lambda: {'name': rnd.choice(SURNAMES) + rnd.choice(['伟', '芳', '小明', '建国'])}),
    ('by ID number', 'office1', lambda: {'idNumber': id_number(rnd.randint(1, 199999))}),
    ('by phone', 'office1', lambda: {'phone': phone(rnd.randint(1, 199999))}),
    ('by subject words', 'office1', lambda: {'subject': rnd.choice(WORDS)}),
    ('by subject words, as a unit (hr1)', 'hr1', lambda: {'subject': rnd.choice(WORDS)}),
    ('unit + status', 'office1', lambda: {'unit': rnd.choice(['unit-hr', 'unit-land', 'unit-housing']),
                                          'status': rnd.choice(['OPEN', 'ARCHIVED'])}),
    ('registration date range (30 days)', 'office1', lambda: start(rnd.randint(0, 900))),
    ('category + date range (30 days)', 'office1',
     lambda: {'category': rnd.choice(['LABOR', 'LAND', 'URBAN']), **start(rnd.randint(0, 900))}),
    ('overdue only', 'office1', lambda: {'overdue': 'true'}),
    ('overdue only, as a unit (hr1)', 'hr1', lambda: {'overdue': 'true'}),
    ('mine (我登记的, reception1)', 'reception1', lambda: {'mine': 'true'}),
    ('mine + date range (reception1)', 'reception1', lambda: {'mine': 'true', **start(rnd.randint(0, 900))}),
    ('all I may see, as a unit (hr1), newest first', 'hr1', lambda: {}),
]

print('| search (20 a page, newest first) | user | p50 ms | p95 ms | hits (last) |')
print('|---|---|---|---|---|')
for name, user, params in SEARCHES:
    for _ in range(3):
        search_once(user, params())
    times, hits = [], None
    for _ in range(SAMPLES):
        ms, hits = search_once(user, params())
        times.append(ms)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    print(f'| {name} | {user} | {p50:.1f} | {p95:.1f} | {hits} |', flush=True)
