"""Places in the UK whose names come before a count in brackets in review
learning ("Kent (12), Essex (8)"), so that the anonymisation check can tell a
count after a place from an age after a person's name ("Zoë (34)").

Nations, regions, ceremonial and historic counties, local authority areas
(which are the areas community safety partnerships cover), police force areas
and the larger towns and cities. A place missing here only means a count after
it is queried, as an age would be: add it, or reword ("in Rutland (3)").
"""

from __future__ import annotations

_NAMES = """
England; Wales; Scotland; Northern Ireland; Ireland; Great Britain; Britain; United Kingdom; UK; London
North East; North West; Yorkshire and the Humber; East Midlands; West Midlands; East of England; South East; South West
Bedfordshire; Berkshire; Bristol; Buckinghamshire; Cambridgeshire; Cheshire; City of London; Cornwall; Cumbria
Derbyshire; Devon; Dorset; Durham; County Durham; East Riding of Yorkshire; East Sussex; Essex; Gloucestershire
Greater London; Greater Manchester; Hampshire; Herefordshire; Hertfordshire; Isle of Wight; Kent; Lancashire
Leicestershire; Lincolnshire; Merseyside; Norfolk; North Yorkshire; Northamptonshire; Northumberland
Nottinghamshire; Oxfordshire; Rutland; Shropshire; Somerset; South Yorkshire; Staffordshire; Suffolk; Surrey
Tyne and Wear; Warwickshire; West Midlands; West Sussex; West Yorkshire; Wiltshire; Worcestershire; Cumberland
Westmorland; Westmorland and Furness; Avon; Cleveland; Humberside; Middlesex; Yorkshire; Sussex; Thames Valley
Barking and Dagenham; Barnet; Bexley; Brent; Bromley; Camden; Croydon; Ealing; Enfield; Greenwich; Hackney
Hammersmith and Fulham; Haringey; Harrow; Havering; Hillingdon; Hounslow; Islington; Kensington and Chelsea
Kingston upon Thames; Kingston; Lambeth; Lewisham; Merton; Newham; Redbridge; Richmond upon Thames; Richmond
Southwark; Sutton; Tower Hamlets; Waltham Forest; Wandsworth; Westminster
Barnsley; Birmingham; Bolton; Bradford; Bury; Calderdale; Coventry; Doncaster; Dudley; Gateshead; Kirklees
Knowsley; Leeds; Liverpool; Manchester; Newcastle; Newcastle upon Tyne; North Tyneside; Oldham; Rochdale
Rotherham; Salford; Sandwell; Sefton; Sheffield; Solihull; South Tyneside; St Helens; Stockport; Sunderland
Tameside; Trafford; Wakefield; Walsall; Wigan; Wirral; Wolverhampton
Bath and North East Somerset; Bath; Bedford; Blackburn with Darwen; Blackburn; Blackpool; Bournemouth
Bournemouth, Christchurch and Poole; Bracknell Forest; Brighton and Hove; Brighton; Hove; Central Bedfordshire
Cheshire East; Cheshire West and Chester; Chester; Darlington; Derby; Halton; Hartlepool; Hull
Kingston upon Hull; Leicester; Luton; Medway; Middlesbrough; Milton Keynes; North East Lincolnshire
North Lincolnshire; North Northamptonshire; North Somerset; Nottingham; Peterborough; Plymouth; Poole
Portsmouth; Reading; Redcar and Cleveland; Slough; South Gloucestershire; Southampton; Southend-on-Sea
Southend; Stockton-on-Tees; Stockton; Stoke-on-Trent; Stoke; Swindon; Telford and Wrekin; Telford; Thurrock
Torbay; Warrington; West Berkshire; West Northamptonshire; Windsor and Maidenhead; Wokingham; York
Isles of Scilly; Cambridge; Oxford; Norwich; Ipswich; Colchester; Chelmsford; Canterbury; Maidstone
Exeter; Gloucester; Cheltenham; Worcester; Hereford; Lincoln; Northampton; Preston; Lancaster; Carlisle
Exeter; Winchester; Guildford; Woking; Crawley; Basingstoke; Watford; Stevenage; St Albans; Harlow; Basildon
Blaenau Gwent; Bridgend; Caerphilly; Cardiff; Carmarthenshire; Ceredigion; Conwy; Denbighshire; Flintshire
Gwynedd; Isle of Anglesey; Anglesey; Merthyr Tydfil; Monmouthshire; Neath Port Talbot; Newport; Pembrokeshire
Powys; Rhondda Cynon Taf; Swansea; Torfaen; Vale of Glamorgan; Wrexham; Dyfed-Powys; Dyfed; Gwent
North Wales; South Wales; Mid Wales
Aberdeen; Aberdeen City; Aberdeenshire; Angus; Argyll and Bute; Clackmannanshire; Dumfries and Galloway
Dundee; Dundee City; East Ayrshire; East Dunbartonshire; East Lothian; East Renfrewshire; Edinburgh
City of Edinburgh; Falkirk; Fife; Glasgow; Glasgow City; Highland; Inverclyde; Midlothian; Moray
Na h-Eileanan Siar; North Ayrshire; North Lanarkshire; Orkney; Orkney Islands; Perth and Kinross
Renfrewshire; Scottish Borders; Shetland; Shetland Islands; South Ayrshire; South Lanarkshire; Stirling
West Dunbartonshire; West Lothian; Highlands; Lothian; Borders
Antrim and Newtownabbey; Ards and North Down; Armagh City, Banbridge and Craigavon; Armagh; Belfast
Causeway Coast and Glens; Derry City and Strabane; Derry; Londonderry; Fermanagh and Omagh; Lisburn
Lisburn and Castlereagh; Mid and East Antrim; Mid Ulster; Newry, Mourne and Down; Newry; Ulster
Avon and Somerset; Devon and Cornwall; West Mercia; Thames Valley; Staffordshire Moorlands
""".replace("\n", ";")

PLACES = frozenset(name.strip() for name in _NAMES.split(";") if name.strip())
# The last one or two words of each place, which is all the name pattern
# catches before a bracket ("Tower Hamlets (3)", "Brighton and Hove (2)").
PLACE_ENDINGS = frozenset(
    ending
    for place in PLACES
    for ending in (" ".join(place.split()[-2:]), place.split()[-1])
    if ending[0].isupper()
)
