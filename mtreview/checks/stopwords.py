"""The most frequent function words (stopwords) of the languages the wrong-language check tells apart.

About 60-100 words per language, lower case, from the top of each language's frequency lists: articles,
pronouns, prepositions, conjunctions, auxiliaries. They make up a third to a half of the words of ordinary
prose, so a dozen words of a sentence are enough to say which language it is in. Words two languages share
(``de``, ``in``, ``a``) are listed for both: the check counts them for both, so only the words one language
has and the other lacks can move the verdict. French and Italian elided forms keep their apostrophe
(``l'``, ``qu'``, ``dell'``), as the check's tokens do.
"""

from __future__ import annotations

_WORDS = {
    "en": """the of and to a in is that it for was on with as he be by at are this his not from but or have
        an they which you were her she had we one all there their been has will would can more if no so what
        who its when also into only them than other some could these two may then do any my our about after
        over out up just how like first new such most where those should very did does being because
        through between both each many much own same while your him me us our were been against during before under again never always
        something nothing every another""",
    "de": """der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an er
        hat aus bei sie nach wird noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr
        durch man sind wurde sein um am diese dieser dieses kann dass daß wenn was ich wir ihr ihre ihren
        schon einer eines keine kein können werden wurden hatte uns mir mich dann denn doch sehr hier also
        immer jetzt ob weil unter zwischen gegen ohne seine seiner seinen seinem habe ist bin sind wo wieder
        alle nichts etwas unser unsere unseren unserer euer eure dieses jedoch bereits sowie damit
        dort selbst sehr waren ihm ihn ihnen einen jeder jede jedes dies kaum nie""",
    "fr": """de la le et les des en un une du est que qui dans pour pas par sur au il elle ne se plus avec ce
        sont à ont aux son sa ses cette nous vous ils elles mais ou été être fait comme tout tous toute leur
        leurs on y a l' d' qu' n' c' s' j' m' même aussi bien très sans entre dont où était avait peut cela
        ces lui je tu mon ma mes notre nos votre vos après avant encore alors donc ainsi peu sous chez
        étaient avaient fut furent eut cet celui celle ceux lors depuis vers contre toujours déjà
        quelques autre autres rien jamais ici leurs sont""",
    "es": """de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o
        fue este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde quien desde
        todo nos durante todos uno les ni contra otros ese eso ante ellos e esto antes algunos qué unos yo
        otro otras otra él tanto esa estos mucho nada muchos cual poco ella estar estas algo nosotros mi mis
        tú te tu tus han era eran está están ser había hace puede
        fueron sido desde mientras aunque después siempre nunca aquí allí cada otros pues tras""",
    "pt": """de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das
        tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era
        depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem suas meu às
        minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este isto
        dele tu te vocês lhes são pode onde
        foram sido enquanto embora sempre nunca aqui ali cada outros outra outro apenas ainda""",
    "it": """di e il la che a in un per è del non una sono da le si con i al della dei lo come anche ma più
        gli alla nel questo ha delle nella ci se o dal mi io ne cui ed suo sua loro essere tra stato questa
        molto dopo fra così quando perché già tutto tutti degli sul sulla hanno era ancora senza chi uno
        solo quello quella queste questi nell' dell' all' l' un' sull' c' d' nell
        dell all agli sempre mai qui dove ogni altri altro altra però quindi sempre stati stata""",
    "nl": """de en van het een in is dat op te zijn met voor niet die aan er om ook als dan maar bij of uit
        nog naar door over ze zich wordt werd hij ik je we was worden heeft hebben kan al deze dit tot wat
        wel geen meer moet zo na haar hun men toch want onder ons zou zullen mijn uw waar wie hoe veel nu
        daar hier omdat alleen tegen zonder""",
    "pl": """i w na z że się do nie to jest o jak a od po ale co dla tak są za jego już by tym przez może
        jej być tylko przy jako który która które były był było ze we mu go mnie ich ten ta te czy bardzo
        jeszcze też gdy gdzie kiedy jednak można tego tej tych także lub oraz więc bo nad pod przed między
        bez jako jest będzie został została""",
    "cs": """a se v na je že to s z do o jako by ale i za od po pro jsou jeho už jen tak co při který která
        které bylo byl byla být jsem jsme jste ve ze k ke u ani než jejich jak kde když však nebo také tedy
        tam aby mezi bez pod nad před ještě této tento tato mu ho mi jí jsou bude byly""",
    "ro": """de și în la a cu că nu pe o se din ce un mai care pentru sunt este au fi ca fost sau prin lui
        al ai ale cel cea dar să își acest această când ar după între fără doar foarte numai asupra despre
        până acum unde am are avea era nici său sale le îl îi ne vor fiind iar""",
    "tr": """ve bir bu da de için ile çok olarak daha gibi olan en o ne ki kadar sonra ama ya her değil mi
        var olduğu şey ise göre onun bunu şu ben sen biz siz onlar hem veya yani tüm diye nasıl neden bile
        artık üzerinde arasında kendi çünkü hiç olan olduğunu bunun ancak""",
    "sv": """och i att det som en på är av för med till den har de inte om ett var jag han sig men hon från
        så kan vid eller nu man vi efter under skulle sina där alla mot när mycket då också hade sin denna
        dessa ska blir blev hans hennes deras vara kunde vilket vilka hur upp ut ännu utan över mellan mig
        dig oss""",
    "da": """og i at det som en på er af for med til den har de ikke om et var jeg han sig men hun fra så
        kan ved eller nu man vi efter under skulle sine der alle mod når meget da også havde sin denne disse
        skal bliver blev hans hendes deres være kunne hvilket hvor hvordan op ud endnu uden over mellem mig
        dig os""",
    "ru": """и в не на что с по как это он она они к но из у за от о же для так все его её ее был было были
        бы только также который которые которая при или если уже мы вы я то этот этой этих ещё еще до их
        когда где чтобы может есть без под между после очень а со во об ли ни том тем чем будет быть нет
        этого свой своей""",
    "uk": """і й в у не на що з із до як це він вона вони та але від про за для так все його її був було
        були б би тільки також який яка які при або якщо вже ми ви я то цей ця ці ще їх коли де щоб може є
        без під між після дуже а зі ж же чи ні буде бути має цього свій своєї""",
    "bg": """и в не на че с по като това той тя те към но от за да се е са ще си му ги бе беше който която
        които при или ако вече ние вие аз то този тази тези още до когато къде може има без под между след
        много със във обаче й ли ни нас им го""",
}

STOPWORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}

LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "nl": "Dutch", "pl": "Polish", "cs": "Czech", "ro": "Romanian", "tr": "Turkish", "sv": "Swedish",
    "da": "Danish", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian",
}

CYRILLIC = frozenset({"ru", "uk", "bg"})
